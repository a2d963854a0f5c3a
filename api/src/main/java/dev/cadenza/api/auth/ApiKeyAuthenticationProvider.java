package dev.cadenza.api.auth;

import java.security.MessageDigest;
import java.util.Objects;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Checks a bearer key: the configured admin key (compared in constant time) or a user key (one
 * indexed lookup by hash, revoked keys excluded). Anything else is a {@link
 * BadCredentialsException}.
 */
public class ApiKeyAuthenticationProvider implements AuthenticationProvider {
  private final byte[] adminKeyHash;
  private final ApiKeyLookup lookup;

  /**
   * @param adminApiKey the admin key; blank disables admin access
   * @param lookup finds the owner of a user key
   */
  public ApiKeyAuthenticationProvider(String adminApiKey, ApiKeyLookup lookup) {
    this.adminKeyHash =
        adminApiKey == null || adminApiKey.isBlank() ? null : ApiKeys.sha256(adminApiKey);
    this.lookup = Objects.requireNonNull(lookup, "lookup");
  }

  @Override
  public Authentication authenticate(Authentication authentication) throws AuthenticationException {
    String key = (String) authentication.getCredentials();
    if (key == null || key.isEmpty()) {
      throw new BadCredentialsException("Empty API key");
    }
    if (isAdminKey(key)) {
      return ApiKeyAuthentication.admin();
    }
    if (ApiKeys.hasUserKeyShape(key)) {
      return lookup
          .findActiveUserId(ApiKeys.hash(key))
          .map(id -> ApiKeyAuthentication.user(new AuthenticatedUser(id)))
          .orElseThrow(() -> new BadCredentialsException("Unknown or revoked API key"));
    }
    throw new BadCredentialsException("Unknown API key");
  }

  /**
   * Whether the text is the admin key. Hashing both sides first makes the comparison
   * constant-time whatever the lengths.
   */
  public boolean isAdminKey(String key) {
    return adminKeyHash != null && MessageDigest.isEqual(adminKeyHash, ApiKeys.sha256(key));
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return ApiKeyAuthentication.class.isAssignableFrom(authentication);
  }
}
