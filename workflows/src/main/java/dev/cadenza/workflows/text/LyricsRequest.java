package dev.cadenza.workflows.text;

/** Ask the LLM for lyrics that fit {@code description} and the style {@code prompt}. */
public record LyricsRequest(String userId, String description, String prompt, long seed) {}
