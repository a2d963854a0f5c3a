package dev.cadenza.storage;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies the download URLs of {@link LocalObjectStorage}.
 *
 * <p>The signature is the unpadded base64url HMAC-SHA256 of {@code key + "\n" + expires}, where
 * {@code expires} is in epoch seconds. The API's file-download endpoint ({@code GET
 * /v1/files/{key}?expires=..&signature=..}) calls {@link #verify} before serving any byte.
 */
public final class UrlSigner {

  private static final String ALGORITHM = "HmacSHA256";

  /** HMAC-SHA256 keys shorter than its 32-byte output weaken it. */
  static final int MIN_KEY_BYTES = 32;

  private final SecretKeySpec secret;
  private final Clock clock;

  public UrlSigner(byte[] signingKey, Clock clock) {
    if (signingKey == null || signingKey.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "The URL signing key must have at least " + MIN_KEY_BYTES + " bytes");
    }
    this.secret = new SecretKeySpec(signingKey.clone(), ALGORITHM);
    this.clock = clock;
  }

  /** The signature for {@code key} valid until {@code expiresEpochSeconds}. */
  public String sign(String key, long expiresEpochSeconds) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(key, expiresEpochSeconds));
  }

  /**
   * True if {@code signature} was made by {@link #sign} with this key for exactly this key and
   * expiry, and the expiry second has not passed. Never throws on malformed input: anything odd is
   * simply not valid.
   */
  public boolean verify(String key, long expiresEpochSeconds, String signature) {
    if (key == null || signature == null) {
      return false;
    }
    if (clock.instant().getEpochSecond() > expiresEpochSeconds) {
      return false;
    }
    // Comparing the encoded text rather than decoded bytes also rejects the other spellings of a
    // signature that a lenient decoder would accept (unused low bits of the last character).
    // Constant-time, so response timing does not reveal how much of a forged signature matched.
    return MessageDigest.isEqual(
        sign(key, expiresEpochSeconds).getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII));
  }

  private byte[] mac(String key, long expiresEpochSeconds) {
    try {
      // A Mac is stateful and not thread-safe; one per call is cheap next to serving a file.
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(secret);
      return mac.doFinal((key + "\n" + expiresEpochSeconds).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException impossible) {
      throw new IllegalStateException("HmacSHA256 is required of every JVM", impossible);
    }
  }
}
