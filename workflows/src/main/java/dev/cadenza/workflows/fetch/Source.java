package dev.cadenza.workflows.fetch;

/** A file a user named by URL, and what it must be. */
public record Source(String url, SourceKind kind) {}
