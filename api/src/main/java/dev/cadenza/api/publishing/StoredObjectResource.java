package dev.cadenza.api.publishing;

import dev.cadenza.storage.ObjectStorage;
import java.io.InputStream;
import org.springframework.core.io.AbstractResource;

/**
 * An object of {@link ObjectStorage} as a Spring {@code Resource} of known length that opens the
 * object only when its bytes are written, and anew each time. So Spring MVC can answer {@code
 * Range} requests (media players seek with them) and a 304 to {@code If-None-Match} without
 * opening the object at all, on local and S3 storage alike.
 */
final class StoredObjectResource extends AbstractResource {
  private final ObjectStorage storage;
  private final String key;
  private final long sizeBytes;

  StoredObjectResource(ObjectStorage storage, String key, long sizeBytes) {
    this.storage = storage;
    this.key = key;
    this.sizeBytes = sizeBytes;
  }

  @Override
  public InputStream getInputStream() {
    return storage.open(key);
  }

  @Override
  public long contentLength() {
    return sizeBytes;
  }

  /** Known from the stat that made this resource; the default would open the object to see. */
  @Override
  public boolean exists() {
    return true;
  }

  @Override
  public String getDescription() {
    return "stored object " + key;
  }
}
