package dev.cadenza.workflows.render;

import dev.cadenza.workflows.generation.GenerationRequest;

/** Input of {@link RenderWorkflow}: who asks, what it costs, and the timeline. */
public record RenderRequest(
    String generationId, String userId, long cost, RenderInput input, int maxConcurrent)
    implements GenerationRequest {}
