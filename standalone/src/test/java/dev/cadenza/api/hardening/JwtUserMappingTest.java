package dev.cadenza.api.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cadenza.api.auth.AuthenticatedUser;
import dev.cadenza.api.auth.JwtConfiguration;
import dev.cadenza.api.auth.JwtProperties;
import dev.cadenza.api.auth.JwtUserAuthenticationProvider;
import dev.cadenza.api.auth.UserEmailLookup;
import dev.cadenza.api.e2e.EmbeddedStackTest;
import dev.cadenza.api.hardening.StackClient.Answer;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * The JWT-to-user mapping on the real database: a token's email finds the user the admin
 * created, whatever its case, and nothing else. (The shared stack runs without {@code app.jwt};
 * the HTTP side of JWTs is {@link JwtAuthenticationTest}.)
 */
class JwtUserMappingTest extends EmbeddedStackTest {
  @Autowired
  UserEmailLookup emailLookup;

  @Test
  void aTokenIsTheUserWithItsEmailWhateverTheCase() {
    StackClient api = new StackClient(port);
    String email = "Jwt-" + UUID.randomUUID() + "@Example.COM";
    Answer created =
        api.post("/v1/admin/users", ADMIN, "{\"email\":\"" + email + "\",\"name\":\"Jay\"}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String userId = created.json().path("id").asText();
    JwtUserAuthenticationProvider provider = new JwtUserAuthenticationProvider(
        JwtConfiguration.decoder(
            new JwtProperties(null, null, JwtAuthenticationTest.SECRET, null, null)),
        "email",
        emailLookup);

    Authentication result = provider.authenticate(new BearerTokenAuthenticationToken(
        JwtAuthenticationTest.token(c -> c.issuer(null).claim("email", email.toUpperCase()))));

    assertThat(result.getPrincipal()).isEqualTo(new AuthenticatedUser(userId));
    assertThat(result.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_USER");
    assertThatThrownBy(() -> provider.authenticate(new BearerTokenAuthenticationToken(
            JwtAuthenticationTest.token(c -> c.claim("email", "x" + email)))))
        .isInstanceOf(BadCredentialsException.class);
  }
}
