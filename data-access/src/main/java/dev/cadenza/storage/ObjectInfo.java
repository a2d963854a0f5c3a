package dev.cadenza.storage;

import java.util.Objects;

/** What {@link ObjectStorage#stat} knows about a stored object. */
public record ObjectInfo(String key, long sizeBytes, String contentType) {

  public ObjectInfo {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(contentType, "contentType");
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("sizeBytes must not be negative: " + sizeBytes);
    }
  }
}
