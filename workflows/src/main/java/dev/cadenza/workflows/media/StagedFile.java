package dev.cadenza.workflows.media;

import java.util.Map;

/**
 * A model output written to staging storage. Workflows pass this claim check around, never the
 * bytes: media can be far larger than a Temporal payload may be.
 */
public record StagedFile(
    String key,
    String name,
    String contentType,
    long sizeBytes,
    String sha256,
    Map<String, String> metadata) {}
