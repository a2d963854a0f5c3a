package dev.cadenza.api.auth;

import java.security.SecureRandom;

/** Random secrets and identifiers from one {@link SecureRandom}. */
public final class SecureTokens {
  private static final char[] BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** {@code length} uniformly random characters of {@code [0-9A-Za-z]} (5.95 bits each). */
  public static String base62(int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = BASE62[RANDOM.nextInt(BASE62.length)];
    }
    return new String(chars);
  }

  /** {@code count} random bytes. */
  public static byte[] bytes(int count) {
    byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private SecureTokens() {}
}
