package dev.cadenza.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

class ApiKeyAuthenticationProviderTest {
  private final List<String> lookedUp = new ArrayList<>();
  private final String userKey = ApiKeys.generate();
  private final ApiKeyLookup lookup = hash -> {
    lookedUp.add(hash);
    return hash.equals(ApiKeys.hash(userKey)) ? Optional.of("usr_1") : Optional.empty();
  };

  private static List<String> roles(Authentication authentication) {
    return authentication.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .toList();
  }

  @Test
  void adminKeyGivesTheAdminRole() {
    var provider = new ApiKeyAuthenticationProvider("s3cret-admin", lookup);
    Authentication result =
        provider.authenticate(ApiKeyAuthentication.unauthenticated("s3cret-admin"));
    assertThat(result.isAuthenticated()).isTrue();
    assertThat(result.getPrincipal()).isEqualTo(ApiKeyAuthentication.ADMIN);
    assertThat(roles(result)).containsExactly("ROLE_ADMIN");
    assertThat(result.getCredentials()).isNull();
    assertThat(lookedUp).isEmpty();
  }

  @Test
  void userKeyGivesTheUserPrincipal() {
    var provider = new ApiKeyAuthenticationProvider("s3cret-admin", lookup);
    Authentication result = provider.authenticate(ApiKeyAuthentication.unauthenticated(userKey));
    assertThat(result.getPrincipal()).isEqualTo(new AuthenticatedUser("usr_1"));
    assertThat(result.getName()).isEqualTo("usr_1");
    assertThat(roles(result)).containsExactly("ROLE_USER");
    assertThat(lookedUp).containsExactly(ApiKeys.hash(userKey));
  }

  @Test
  void unknownKeysAreBadCredentials() {
    var provider = new ApiKeyAuthenticationProvider("s3cret-admin", lookup);
    assertThatThrownBy(
            () -> provider.authenticate(ApiKeyAuthentication.unauthenticated(ApiKeys.generate())))
        .isInstanceOf(BadCredentialsException.class);
    assertThatThrownBy(
            () -> provider.authenticate(ApiKeyAuthentication.unauthenticated("s3cret-admin ")))
        .isInstanceOf(BadCredentialsException.class);
    // Not shaped like a user key: refused without a database query.
    assertThat(lookedUp).hasSize(1);
  }

  @Test
  void blankAdminKeyDisablesAdminAccess() {
    for (String configured : new String[] {null, "", "  "}) {
      var provider = new ApiKeyAuthenticationProvider(configured, lookup);
      assertThatThrownBy(() -> provider.authenticate(ApiKeyAuthentication.unauthenticated("")))
          .isInstanceOf(BadCredentialsException.class);
      assertThatThrownBy(() -> provider.authenticate(ApiKeyAuthentication.unauthenticated("  ")))
          .isInstanceOf(BadCredentialsException.class);
    }
  }
}
