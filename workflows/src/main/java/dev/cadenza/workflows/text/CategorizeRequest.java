package dev.cadenza.workflows.text;

/** Ask the LLM to name and categorize a finished song. */
public record CategorizeRequest(
    String userId, String description, String prompt, String lyrics, long seed) {}
