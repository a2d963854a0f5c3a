package dev.cadenza.workflows.storage;

import java.util.Map;

/** An output promoted to its final storage key. */
public record StoredAsset(
    String name,
    String storageKey,
    String contentType,
    long sizeBytes,
    String sha256,
    Map<String, String> metadata) {}
