package dev.cadenza.upload;

import java.time.Instant;
import java.util.Map;

/**
 * One row of {@code uploads}. {@code sha256} is set once it is ready; {@code storageKey} holds the
 * checked bytes (see {@link #incomingKey}).
 */
public record Upload(
    String id,
    long seq,
    String userId,
    String status,
    String contentType,
    long sizeBytes,
    String filename,
    String storageKey,
    String sha256,
    Map<String, String> metadata,
    Instant expiresAt,
    Instant createdAt,
    Instant completedAt,
    Instant usedAt) {

  public static final String PENDING = "pending";
  public static final String READY = "ready";
  public static final String INVALID = "invalid";
  public static final String EXPIRED = "expired";

  /**
   * Where the client's PUT writes. Checking first copies the object to {@link #storageKey}, which
   * no URL can write: a PUT URL stays usable until it expires, so bytes checked in place could
   * be replaced after the check.
   */
  public String incomingKey() {
    return incomingKey(storageKey);
  }

  public static String incomingKey(String storageKey) {
    return "incoming/" + storageKey;
  }
}
