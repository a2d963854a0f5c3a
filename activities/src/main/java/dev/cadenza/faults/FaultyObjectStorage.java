package dev.cadenza.faults;

import dev.cadenza.storage.ObjectInfo;
import dev.cadenza.storage.ObjectStorage;
import dev.cadenza.storage.PresignedUpload;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Storage whose writes ({@code put}, {@code copy}) fail at a rate before reaching the real
 * storage, as a network or S3 error would. Staging a GPU output and promoting it are writes, so a
 * fault lands after the model ran: the retried activity must re-attach to the finished GPU job.
 * Reads, listings, deletes and signed URLs are never faulted: the API serves downloads with them.
 */
final class FaultyObjectStorage implements ObjectStorage, AutoCloseable {
  private final ObjectStorage storage;
  private final FaultRate rate;

  FaultyObjectStorage(ObjectStorage storage, FaultRate rate) {
    this.storage = storage;
    this.rate = rate;
  }

  @Override
  public void put(String key, Path file, String contentType) {
    strike("put " + key);
    storage.put(key, file, contentType);
  }

  @Override
  public void put(String key, byte[] bytes, String contentType) {
    strike("put " + key);
    storage.put(key, bytes, contentType);
  }

  @Override
  public void copy(String fromKey, String toKey) {
    strike("copy " + fromKey + " to " + toKey);
    storage.copy(fromKey, toKey);
  }

  @Override
  public InputStream open(String key) {
    return storage.open(key);
  }

  @Override
  public Optional<ObjectInfo> stat(String key) {
    return storage.stat(key);
  }

  @Override
  public void delete(String key) {
    storage.delete(key);
  }

  @Override
  public int deletePrefix(String prefix) {
    return storage.deletePrefix(prefix);
  }

  @Override
  public List<String> list(String prefix) {
    return storage.list(prefix);
  }

  @Override
  public URI signedUrl(String key, Duration ttl) {
    return storage.signedUrl(key, ttl);
  }

  @Override
  public PresignedUpload presignUpload(
      String key, String contentType, long sizeBytes, Duration ttl) {
    return storage.presignUpload(key, contentType, sizeBytes, ttl);
  }

  /** The wrapped storage may hold clients (S3) that the context closes through this bean. */
  @Override
  public void close() throws Exception {
    if (storage instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  private void strike(String operation) {
    if (rate.strikes()) {
      throw new InjectedFaultException(
          "injected storage fault (" + rate.name() + "): " + operation);
    }
  }
}
