package dev.cadenza.workflows.render;

import java.util.List;

/** What the user asked to render, and where to send it; {@code publishTo} may be empty. */
public record RenderInput(Timeline timeline, List<PublishTarget> publishTo) {}
