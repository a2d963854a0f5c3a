package dev.cadenza.workflows.image;

import dev.cadenza.workflows.generation.GenerationRequest;

/** Input of {@link ImageGenerationWorkflow}: who asks, what it costs, and what they want. */
public record ImageGenerationRequest(
    String generationId, String userId, long cost, ImageInput input, int maxConcurrent)
    implements GenerationRequest {}
