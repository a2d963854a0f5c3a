package dev.cadenza.workflows.media;

/** Render a song: {@code lyrics} is {@code [instrumental]} for no vocals. */
public record AudioRequest(
    String generationId,
    String userId,
    String prompt,
    String lyrics,
    int durationSeconds,
    double guidanceScale,
    long seed) {}
