package dev.cadenza.workflows.song;

/**
 * Input of {@link SongGenerationWorkflow}: who asks, what it costs, and what they want. {@code
 * maxConcurrent} is the user's concurrency limit when it was submitted (their lane's size).
 */
public record SongRequest(
    String generationId, String userId, long cost, SongInput input, int maxConcurrent) {}
