package dev.cadenza.workflows.fetch;

import java.util.List;

/** Fetch several user files; the n-th is staged as {@code source-<n>.<extension>}. */
public record SourcesRequest(String generationId, List<Source> sources) {}
