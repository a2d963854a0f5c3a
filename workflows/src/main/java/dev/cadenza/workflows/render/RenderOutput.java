package dev.cadenza.workflows.render;

import dev.cadenza.workflows.generation.GenerationOutput;
import dev.cadenza.workflows.storage.StoredAsset;
import java.util.List;

/** A finished render: the MP4, its thumbnail, and how each publication went. */
public record RenderOutput(StoredAsset video, StoredAsset thumbnail, List<Publication> publications)
    implements GenerationOutput {}
