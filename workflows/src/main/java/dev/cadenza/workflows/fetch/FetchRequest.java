package dev.cadenza.workflows.fetch;

/**
 * Fetch one user file into the generation's staging area as {@code <name>.<extension>} (the
 * extension follows the content type).
 */
public record FetchRequest(String generationId, Source source, String name) {}
