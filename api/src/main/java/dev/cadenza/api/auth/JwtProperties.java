package dev.cadenza.api.auth;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bearer JWTs from an external identity provider ({@code app.jwt.*}), accepted beside API keys.
 * Off unless one of {@code secret}, {@code jwk-set-uri} or {@code issuer-uri} is set.
 *
 * @param issuerUri the provider's issuer: the {@code iss} every token must carry; alone, the
 *     signing keys are found through its OpenID discovery document (on the first token, so a
 *     provider that is down does not stop the service from starting)
 * @param jwkSetUri the provider's JWK set (RSA/EC/PS signatures)
 * @param secret an HS256 shared secret of at least 32 bytes (UTF-8), instead of a JWK set
 * @param emailClaim the claim holding the user's email, matched against the users' emails
 * @param audiences when not empty, the {@code aud} claim must contain one of these
 */
@ConfigurationProperties(prefix = "app.jwt")
public record JwtProperties(
    String issuerUri,
    String jwkSetUri,
    String secret,
    @DefaultValue("email") String emailClaim,
    @DefaultValue List<String> audiences) {

  /** Minimum length of an HS256 secret: the size of the SHA-256 output (RFC 7518 3.2). */
  public static final int MIN_SECRET_BYTES = 32;

  public JwtProperties {
    emailClaim = emailClaim == null || emailClaim.isBlank() ? "email" : emailClaim.strip();
    audiences = audiences == null
        ? List.of()
        : audiences.stream().filter(a -> a != null && !a.isBlank()).toList();
  }

  /** Whether bearer JWTs are accepted at all. */
  public boolean enabled() {
    return hasText(issuerUri) || hasText(jwkSetUri) || hasText(secret);
  }

  static boolean hasText(String value) {
    return value != null && !value.isBlank();
  }
}
