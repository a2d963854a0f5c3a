package dev.cadenza.storage;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The storage port: a flat namespace of immutable-by-convention objects addressed by key.
 *
 * <p>Media bytes never travel through Temporal payloads; activities write them here and pass the
 * key along (claim check). GPU outputs are written under a staging prefix and later promoted to
 * their final keys with {@link #copy}; compensation removes a failed job's staging area with {@link
 * #deletePrefix}.
 *
 * <p><b>Keys</b> are 1 to 512 characters from {@code [A-Za-z0-9._/-]}, made of {@code /}-separated
 * segments of 1 to 200 characters that do not start with {@code .} (so no {@code .} or {@code ..}
 * segments, no leading, trailing or doubled {@code /}). Every adapter accepts exactly the same
 * keys, so a key that works locally also works on S3. A key that breaks these rules is rejected
 * with {@link IllegalArgumentException}. Prefixes follow the same rules except that they may end
 * with {@code /}; they match keys by plain string prefix, as in S3 ({@code "staged/run-1"} matches
 * {@code "staged/run-10/a.wav"}, so end a prefix with {@code /} to address one "directory").
 *
 * <p><b>Errors.</b> A missing object is {@link NoSuchObjectException} where the operation needs
 * one; every other failure (I/O, network, credentials) is an unchecked exception of the adapter and
 * is worth retrying. All operations are idempotent, so a retried activity may repeat them.
 *
 * <p>Implementations are thread-safe.
 */
public interface ObjectStorage {

  /**
   * Stores the content of {@code file} under {@code key}, replacing any previous object. Readers
   * see either the old or the new object, never a partial one.
   */
  void put(String key, Path file, String contentType);

  /** Stores {@code bytes} under {@code key}, replacing any previous object. */
  void put(String key, byte[] bytes, String contentType);

  /**
   * Opens the object for reading; the caller closes the stream.
   *
   * @throws NoSuchObjectException if there is no object under {@code key}
   */
  InputStream open(String key);

  /** Size and content type of the object, or empty if there is none under {@code key}. */
  Optional<ObjectInfo> stat(String key);

  /**
   * Copies an object, content type included, replacing any object under {@code toKey}. Used to
   * promote staged files, so it never goes through the caller's memory.
   *
   * @throws NoSuchObjectException if there is no object under {@code fromKey}
   */
  void copy(String fromKey, String toKey);

  /** Deletes the object under {@code key}; deleting a missing object is not an error. */
  void delete(String key);

  /**
   * Deletes every object whose key starts with {@code prefix}.
   *
   * @param prefix a non-empty prefix; an empty one is rejected so a bug cannot wipe the store
   * @return how many objects were deleted
   */
  int deletePrefix(String prefix);

  /** Keys starting with {@code prefix} (non-empty), in ascending (binary) order. */
  List<String> list(String prefix);

  /**
   * A URL from which anyone holding it can download the object with a plain HTTP GET until {@code
   * ttl} has passed. The object need not exist yet; the URL answers 404 until it does.
   *
   * @param ttl positive; S3 caps it at 7 days
   */
  URI signedUrl(String key, Duration ttl);

  /**
   * A URL to which anyone holding it can PUT the object's bytes until {@code ttl} has passed: with
   * exactly {@code contentType} and at most {@code sizeBytes} bytes (S3 signs the length, so it
   * must be exact there). The adapter checks the signature and the expiry, never the caller.
   *
   * @param ttl positive; S3 caps it at 7 days
   */
  PresignedUpload presignUpload(String key, String contentType, long sizeBytes, Duration ttl);
}
