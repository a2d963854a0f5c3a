package dev.cadenza.workflows.media;

/** Lift a staged picture into a 3D model; {@code style} is a free-form hint, may be null. */
public record MeshRequest(
    String generationId, String userId, StagedFile image, String style, long seed) {}
