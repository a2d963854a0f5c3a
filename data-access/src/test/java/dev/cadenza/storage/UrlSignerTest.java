package dev.cadenza.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UrlSignerTest {

  private static final byte[] KEY =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_000_000));
  private final UrlSigner signer = new UrlSigner(KEY, clock);
  private final long expires = 1_000_000 + 3600;

  @Test
  void acceptsItsOwnSignatureUntilAndIncludingTheExpirySecond() {
    String signature = signer.sign("generations/g1/a.wav", expires);

    assertThat(signer.verify("generations/g1/a.wav", expires, signature)).isTrue();
    clock.advance(Duration.ofSeconds(3600));
    assertThat(signer.verify("generations/g1/a.wav", expires, signature)).isTrue();
  }

  @Test
  void rejectsExpiredUrls() {
    String signature = signer.sign("a.wav", expires);

    clock.advance(Duration.ofSeconds(3601));

    assertThat(signer.verify("a.wav", expires, signature)).isFalse();
  }

  @Test
  void rejectsTamperedUrls() {
    String signature = signer.sign("a.wav", expires);
    char first = signature.charAt(0);
    String flipped = (first == 'A' ? 'B' : 'A') + signature.substring(1);

    assertThat(signer.verify("b.wav", expires, signature)).as("other key").isFalse();
    assertThat(signer.verify("a.wav", expires + 86_400, signature))
        .as("extended expiry")
        .isFalse();
    assertThat(signer.verify("a.wav", expires, flipped)).as("changed signature").isFalse();
    assertThat(signer.verify("a.wav", expires, signature.substring(1)))
        .as("truncated")
        .isFalse();
    assertThat(signer.verify("a.wav", expires, "not base64!")).as("garbage").isFalse();
    assertThat(signer.verify("a.wav", expires, signature + "=")).as("padded").isFalse();
    assertThat(signer.verify("a.wav", expires, "")).as("empty").isFalse();
    assertThat(signer.verify("a.wav", expires, null)).as("missing").isFalse();
    assertThat(signer.verify(null, expires, signature)).as("no key").isFalse();
  }

  @Test
  void rejectsOtherSpellingsOfTheSameSignature() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    String signature = signer.sign("a.wav", expires);
    // The last of 43 characters carries 4 bits of the MAC and 2 unused bits; set one of those.
    char last = signature.charAt(42);
    String respelled = signature.substring(0, 42) + alphabet.charAt(alphabet.indexOf(last) + 1);

    assertThat(signer.verify("a.wav", expires, respelled)).isFalse();
  }

  @Test
  void rejectsSignaturesMadeWithAnotherSigningKey() {
    byte[] otherKey = KEY.clone();
    otherKey[0] ^= 1;
    String forged = new UrlSigner(otherKey, clock).sign("a.wav", expires);

    assertThat(signer.verify("a.wav", expires, forged)).isFalse();
  }

  @Test
  void signaturesAreUnpaddedBase64UrlOfTheHmac() {
    // 32 bytes of HMAC-SHA256 are 43 base64 characters without padding.
    assertThat(signer.sign("a.wav", expires)).matches("[A-Za-z0-9_-]{43}");
  }

  @Test
  void refusesShortSigningKeys() {
    assertThatThrownBy(() -> new UrlSigner(new byte[31], clock))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
