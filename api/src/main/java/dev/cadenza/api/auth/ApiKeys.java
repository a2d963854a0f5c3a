package dev.cadenza.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * User API keys: {@code cdz_} followed by 32 base62 characters (about 190 random bits). Only the
 * SHA-256 of a key is stored; a fast hash is enough because the key is random, not a password.
 */
public final class ApiKeys {
  public static final String PREFIX = "cdz_";
  static final int RANDOM_LENGTH = 32;
  /** How many leading characters are kept in clear ({@code api_keys.key_prefix}). */
  public static final int DISPLAY_PREFIX_LENGTH = 8;

  /** A new key; show it to the user once and store only {@link #hash}. */
  public static String generate() {
    return PREFIX + SecureTokens.base62(RANDOM_LENGTH);
  }

  /** Lower-case hex SHA-256 of the key's UTF-8 bytes: the lookup column {@code key_hash}. */
  public static String hash(String key) {
    return HexFormat.of().formatHex(sha256(key));
  }

  /** The first characters, for telling keys apart in listings without revealing them. */
  public static String displayPrefix(String key) {
    return key.substring(0, Math.min(DISPLAY_PREFIX_LENGTH, key.length()));
  }

  /** Whether the text could be a user key; anything else is rejected without a query. */
  public static boolean hasUserKeyShape(String text) {
    if (text == null
        || text.length() != PREFIX.length() + RANDOM_LENGTH
        || !text.startsWith(PREFIX)) {
      return false;
    }
    for (int i = PREFIX.length(); i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
        return false;
      }
    }
    return true;
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  private ApiKeys() {}
}
