package dev.cadenza.api.auth;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * A request's bearer key: before authentication it carries only the key; after, the principal
 * ({@link AuthenticatedUser} with {@code ROLE_USER}, or {@link #ADMIN} with {@code ROLE_ADMIN}) and
 * no key.
 */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {
  /** The principal of requests made with the admin key. */
  public static final String ADMIN = "admin";

  private final Object principal;
  private String key;

  private ApiKeyAuthentication(Object principal, String key, List<String> roles) {
    super(AuthorityUtils.createAuthorityList(roles));
    this.principal = principal;
    this.key = key;
    setAuthenticated(!roles.isEmpty());
  }

  /** A presented, not yet checked key. */
  public static ApiKeyAuthentication unauthenticated(String key) {
    return new ApiKeyAuthentication(null, key, List.of());
  }

  public static ApiKeyAuthentication admin() {
    return new ApiKeyAuthentication(ADMIN, null, List.of("ROLE_ADMIN"));
  }

  public static ApiKeyAuthentication user(AuthenticatedUser user) {
    return new ApiKeyAuthentication(user, null, List.of("ROLE_USER"));
  }

  @Override
  public Object getCredentials() {
    return key;
  }

  @Override
  public Object getPrincipal() {
    return principal;
  }

  @Override
  public String getName() {
    return principal instanceof AuthenticatedUser user ? user.id() : String.valueOf(principal);
  }

  public boolean isAdmin() {
    return ADMIN.equals(principal);
  }

  @Override
  public void eraseCredentials() {
    key = null;
  }
}
