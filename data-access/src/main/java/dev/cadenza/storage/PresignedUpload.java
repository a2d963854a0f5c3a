package dev.cadenza.storage;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * How a client sends one object straight to storage: an HTTP {@code method} to {@code url} with
 * exactly these {@code headers}, before {@code expiresAt}.
 */
public record PresignedUpload(
    URI url, String method, Map<String, String> headers, Instant expiresAt) {}
