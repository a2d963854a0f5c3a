package dev.cadenza.storage;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The argument rules of {@link ObjectStorage}, shared by every adapter so that they accept exactly
 * the same keys and fail the same way.
 *
 * <p>Key segments may not start with {@code .}: that forbids {@code .} and {@code ..} (which would
 * escape the local root, and mean different things on a filesystem and on S3) and keeps the local
 * adapter's own dot-files, such as the signing key, unreachable through a key.
 */
final class StorageArguments {

  /** Well under S3's 1024-byte limit and common filesystem path limits. */
  static final int MAX_KEY_LENGTH = 512;

  /**
   * Filesystems cap a file name at 255 bytes, and local storage adds up to 15 characters for the
   * content-type sidecar's name.
   */
  static final int MAX_SEGMENT_LENGTH = 200;

  private static final Pattern SEGMENT =
      Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0," + (MAX_SEGMENT_LENGTH - 1) + "}");

  /** type/subtype with optional parameters; no control characters, so it fits in one header. */
  private static final Pattern CONTENT_TYPE = Pattern.compile("[\\w.+-]+/[\\w.+-]+(;[ -~]*)?");

  private StorageArguments() {}

  static String requireKey(String key) {
    if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH || !segmentsValid(key)) {
      throw new IllegalArgumentException(describe("key", key));
    }
    return key;
  }

  static String requirePrefix(String prefix) {
    if (prefix == null || prefix.isEmpty() || prefix.length() > MAX_KEY_LENGTH) {
      throw new IllegalArgumentException(describe("prefix", prefix));
    }
    String body = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    if (body.isEmpty() || !segmentsValid(body)) {
      throw new IllegalArgumentException(describe("prefix", prefix));
    }
    return prefix;
  }

  static String requireContentType(String contentType) {
    if (contentType == null || !CONTENT_TYPE.matcher(contentType).matches()) {
      throw new IllegalArgumentException("Invalid content type: " + contentType);
    }
    return contentType;
  }

  static Duration requirePositive(Duration ttl) {
    if (ttl == null || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive: " + ttl);
    }
    return ttl;
  }

  private static boolean segmentsValid(String path) {
    // A limit of -1 keeps trailing empty strings, so "a/" and "a//b" fail here too.
    for (String segment : path.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches()) {
        return false;
      }
    }
    return true;
  }

  private static String describe(String what, String value) {
    String shown = value == null
        ? "null"
        : '"' + (value.length() <= 80 ? value : value.substring(0, 80) + "...") + '"';
    return "Invalid storage "
        + what
        + " (want 1.."
        + MAX_KEY_LENGTH
        + " chars of [A-Za-z0-9._/-], '/'-separated segments of at most "
        + MAX_SEGMENT_LENGTH
        + " chars not starting with '.'): "
        + shown;
  }
}
