package dev.cadenza.api.auth;

import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Checks a bearer JWT (signature, expiry, issuer and audience as the {@link JwtDecoder} is
 * configured) and maps it to a user: the email claim, lower-cased, must be an existing user's
 * email. The result is a {@link JwtUserAuthentication} with {@code ROLE_USER}. Every failure is
 * an {@link AuthenticationException} (401), never an error of the request: an unreachable
 * identity provider included.
 */
public class JwtUserAuthenticationProvider implements AuthenticationProvider {
  private static final Logger log = LoggerFactory.getLogger(JwtUserAuthenticationProvider.class);
  private static final int MAX_EMAIL_LENGTH = 320;

  private final JwtDecoder decoder;
  private final String emailClaim;
  private final UserEmailLookup users;

  public JwtUserAuthenticationProvider(
      JwtDecoder decoder, String emailClaim, UserEmailLookup users) {
    this.decoder = Objects.requireNonNull(decoder, "decoder");
    this.emailClaim = Objects.requireNonNull(emailClaim, "emailClaim");
    this.users = Objects.requireNonNull(users, "users");
  }

  @Override
  public Authentication authenticate(Authentication authentication) throws AuthenticationException {
    String token = ((BearerTokenAuthenticationToken) authentication).getToken();
    Jwt jwt = decode(token);
    String email = email(jwt);
    String userId;
    try {
      userId = users
          .findUserIdByEmail(email)
          .orElseThrow(
              () -> new BadCredentialsException("The token's email is not a user of this service"));
    } catch (AuthenticationException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new AuthenticationServiceException("Could not look up the token's user", e);
    }
    JwtUserAuthentication result =
        new JwtUserAuthentication(new AuthenticatedUser(userId), jwt.getSubject());
    result.setDetails(authentication.getDetails());
    return result;
  }

  private Jwt decode(String token) {
    try {
      return decoder.decode(token);
    } catch (JwtException e) {
      // Bad signature, expired, wrong issuer or audience, not a JWT; or the JWK set is down.
      log.debug("Bearer JWT rejected: {}", e.getMessage());
      throw new BadCredentialsException("Invalid bearer token", e);
    } catch (RuntimeException e) {
      // The issuer's discovery document could not be fetched, or a decoder bug: still a 401.
      log.warn("Bearer JWT could not be checked: {}", e.toString());
      throw new AuthenticationServiceException("The bearer token could not be checked", e);
    }
  }

  private String email(Jwt jwt) {
    Object value = jwt.getClaims().get(emailClaim);
    if (!(value instanceof String text) || text.isBlank() || text.length() > MAX_EMAIL_LENGTH) {
      throw new BadCredentialsException("The token has no usable '" + emailClaim + "' claim");
    }
    // An identity provider that says the address is unverified does not vouch for it.
    Object verified = jwt.getClaims().get("email_verified");
    if (Boolean.FALSE.equals(verified) || "false".equals(verified)) {
      throw new BadCredentialsException("The token's email is not verified");
    }
    return text.strip().toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
