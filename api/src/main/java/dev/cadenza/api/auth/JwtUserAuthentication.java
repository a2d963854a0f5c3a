package dev.cadenza.api.auth;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * A request authenticated by a bearer JWT: the principal is the {@link AuthenticatedUser} the
 * token's email claim names, with {@code ROLE_USER} only (a JWT is never an admin). Controllers
 * see the same principal as for a user API key.
 */
public final class JwtUserAuthentication extends AbstractAuthenticationToken {
  private final AuthenticatedUser principal;
  private final String subject;

  /**
   * @param subject the token's {@code sub}, kept for logs; may be null
   */
  public JwtUserAuthentication(AuthenticatedUser principal, String subject) {
    super(AuthorityUtils.createAuthorityList(List.of("ROLE_USER")));
    this.principal = principal;
    this.subject = subject;
    setAuthenticated(true);
  }

  @Override
  public Object getCredentials() {
    return null;
  }

  @Override
  public AuthenticatedUser getPrincipal() {
    return principal;
  }

  @Override
  public String getName() {
    return principal.id();
  }

  /** The identity provider's subject of the token. */
  public String subject() {
    return subject;
  }
}
