package dev.cadenza.workflows.media;

/** Paint an image (cover art, or a plain image generation). */
public record ImageRequest(
    String generationId, String userId, String prompt, int width, int height, long seed) {}
