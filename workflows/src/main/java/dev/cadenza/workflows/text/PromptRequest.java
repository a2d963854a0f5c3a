package dev.cadenza.workflows.text;

/** Ask the LLM for a music style prompt from the user's description. */
public record PromptRequest(String userId, String description, long seed) {}
