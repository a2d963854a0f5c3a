package dev.cadenza.workflows.song;

/** Input of {@link SongGenerationWorkflow}: who asks, what it costs, and what they want. */
public record SongRequest(String generationId, String userId, long cost, SongInput input) {}
