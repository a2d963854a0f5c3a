package dev.cadenza.workflows.imageto3d;

import dev.cadenza.workflows.generation.GenerationRequest;

/**
 * Input of {@link ImageTo3dWorkflow}. {@code cost} is the sum of the prices of the steps that run
 * (the image step only in prompt mode); it is held, and released whole on any failure.
 */
public record ImageTo3dRequest(
    String generationId, String userId, long cost, ImageTo3dInput input, int maxConcurrent)
    implements GenerationRequest {}
