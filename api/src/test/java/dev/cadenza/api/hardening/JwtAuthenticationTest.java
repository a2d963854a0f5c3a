package dev.cadenza.api.hardening;

import static dev.cadenza.api.problem.ApiWebTestConfiguration.ADMIN;
import static dev.cadenza.api.problem.ApiWebTestConfiguration.USER;
import static dev.cadenza.api.problem.ApiWebTestConfiguration.USER_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.cadenza.api.account.AccountController;
import dev.cadenza.api.account.AccountService;
import dev.cadenza.api.account.AdminUserController;
import dev.cadenza.api.account.User;
import dev.cadenza.api.account.UserAccount;
import dev.cadenza.api.auth.ApiKeyLookup;
import dev.cadenza.api.auth.ApiKeys;
import dev.cadenza.api.auth.JwtConfiguration;
import dev.cadenza.api.auth.JwtProperties;
import dev.cadenza.api.auth.JwtUserAuthenticationProvider;
import dev.cadenza.api.auth.UserEmailLookup;
import dev.cadenza.api.problem.ApiWebTestConfiguration;
import dev.cadenza.credits.Account;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Bearer JWTs beside API keys (HS256 here, tokens minted by the test): a valid token whose email
 * names a user is that user ({@code ROLE_USER}, never admin); anything else is 401 {@code
 * UNAUTHORIZED} problem+json; API keys work exactly as before.
 */
@WebMvcTest(
    properties = {
      ApiWebTestConfiguration.NO_EMBEDDED_DATABASE,
      ApiWebTestConfiguration.NO_EMBEDDED_TEMPORAL,
      "app.admin-api-key=" + ApiWebTestConfiguration.ADMIN_KEY,
      "app.jwt.secret=" + JwtAuthenticationTest.SECRET,
      "app.jwt.issuer-uri=" + JwtAuthenticationTest.ISSUER
    })
@ContextConfiguration(
    classes = {
      ApiWebTestConfiguration.class,
      JwtConfiguration.class,
      AccountController.class,
      AdminUserController.class
    })
class JwtAuthenticationTest {
  static final String SECRET = "a-test-hs256-secret-of-at-least-32-bytes!";
  static final String ISSUER = "https://id.example.com/";
  private static final String USER_ID = "usr_alice";

  @Autowired
  MockMvc mvc;

  @MockitoBean
  ApiKeyLookup apiKeyLookup;

  @MockitoBean
  UserEmailLookup emailLookup;

  @MockitoBean
  AccountService accounts;

  @BeforeEach
  void knownUsers() {
    given(apiKeyLookup.findActiveUserId(anyString())).willReturn(Optional.empty());
    given(apiKeyLookup.findActiveUserId(ApiKeys.hash(USER_KEY))).willReturn(Optional.of(USER_ID));
    given(emailLookup.findUserIdByEmail(anyString())).willReturn(Optional.empty());
    given(emailLookup.findUserIdByEmail("alice@example.com")).willReturn(Optional.of(USER_ID));
    User alice = new User(USER_ID, "alice@example.com", "Alice", "whsec_x", Instant.EPOCH);
    given(accounts.account(USER_ID))
        .willReturn(new UserAccount(alice, new Account(USER_ID, 10, 0, 10, 0), 2));
  }

  @Test
  void aValidTokenIsTheUserItsEmailNames() throws Exception {
    mvc.perform(get("/v1/me").header("Authorization", "Bearer " + token(c -> {})))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.id").value(USER_ID))
        .andExpect(jsonPath("$.credits.balance").value(10));
  }

  @Test
  void theEmailIsMatchedLowerCased() throws Exception {
    mvc.perform(get("/v1/me")
            .header(
                "Authorization", "Bearer " + token(c -> c.claim("email", " Alice@Example.COM "))))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.id").value(USER_ID));
  }

  @Test
  void anExpiredTokenIsUnauthorized() throws Exception {
    Instant past = Instant.now().minusSeconds(3600);
    unauthorized(
        token(c -> c.issueTime(Date.from(past.minusSeconds(60))).expirationTime(Date.from(past))));
  }

  @Test
  void aTokenSignedWithAnotherSecretIsUnauthorized() throws Exception {
    unauthorized(sign(claims(c -> {}), "another-secret-that-is-also-32-bytes-long"));
  }

  @Test
  void aTamperedTokenIsUnauthorized() throws Exception {
    String token = token(c -> {});
    String[] parts = token.split("\\.");
    String otherClaims = java.util.Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(claims(c -> c.claim("email", "mallory@example.com"))
            .toString()
            .getBytes(StandardCharsets.UTF_8));
    unauthorized(parts[0] + "." + otherClaims + "." + parts[2]);
  }

  @Test
  void anUnknownEmailIsUnauthorized() throws Exception {
    unauthorized(token(c -> c.claim("email", "nobody@example.com")));
  }

  @Test
  void aTokenWithoutUsableEmailIsUnauthorized() throws Exception {
    unauthorized(token(c -> c.claim("email", null)));
    unauthorized(token(c -> c.claim("email", 42)));
    unauthorized(token(c -> c.claim("email", List.of("alice@example.com"))));
    unauthorized(token(c -> c.claim("email", "")));
  }

  @Test
  void anUnverifiedEmailIsUnauthorized() throws Exception {
    unauthorized(token(c -> c.claim("email_verified", false)));
  }

  @Test
  void aTokenOfAnotherIssuerIsUnauthorized() throws Exception {
    unauthorized(token(c -> c.issuer("https://evil.example.com/")));
    unauthorized(token(c -> c.issuer(null)));
  }

  @Test
  void aTokenWithoutExpiryIsUnauthorized() throws Exception {
    unauthorized(token(c -> c.expirationTime(null)));
  }

  @Test
  void anUnsignedTokenIsUnauthorized() throws Exception {
    unauthorized(new PlainJWT(claims(c -> {})).serialize());
    unauthorized("not-a-jwt");
    unauthorized("a.b.c");
    unauthorized("eyJhbGciOiJIUzI1NiJ9.e30.");
  }

  @Test
  void aTokenIsNeverAnAdmin() throws Exception {
    mvc.perform(post("/v1/admin/users")
            .header("Authorization", "Bearer " + token(c -> {}))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"email\":\"bob@example.com\",\"name\":\"Bob\"}"))
        .andExpect(status().isForbidden())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("FORBIDDEN"));
    verify(accounts, never())
        .createUser(anyString(), anyString(), org.mockito.ArgumentMatchers.anyLong());
  }

  @Test
  void apiKeysWorkAsBefore() throws Exception {
    mvc.perform(get("/v1/me").header("Authorization", USER))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.id").value(USER_ID));
    mvc.perform(get("/v1/me").header("Authorization", ADMIN))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("FORBIDDEN"));
    // Shaped like a user key: checked as one, never as a JWT.
    mvc.perform(get("/v1/me").header("Authorization", "Bearer cdz_" + "B".repeat(32)))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.detail").value("The API key is not valid."));
    mvc.perform(get("/v1/me").header("Authorization", "Bearer cdz_not-a-key"))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.detail").value("The API key is not valid."));
    verify(emailLookup, never()).findUserIdByEmail(anyString());
  }

  @Test
  void theSecretMustBeLongEnoughAndTheKeySourceUnambiguous() {
    assertThatThrownBy(() ->
            JwtConfiguration.decoder(new JwtProperties(null, null, "x".repeat(31), null, null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> JwtConfiguration.decoder(
            new JwtProperties(null, "https://id.example.com/jwks", "x".repeat(32), null, null)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(new JwtProperties(null, null, null, null, null).enabled()).isFalse();
    assertThat(new JwtProperties(null, null, null, null, null).emailClaim()).isEqualTo("email");
  }

  @Test
  void withoutSettingsNoTokenIsAccepted() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
        .withUserConfiguration(JwtConfiguration.class)
        .withBean(UserEmailLookup.class, () -> email -> Optional.empty())
        .run(context -> assertThat(context).doesNotHaveBean(JwtUserAuthenticationProvider.class));
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
        .withUserConfiguration(JwtConfiguration.class)
        .withBean(UserEmailLookup.class, () -> email -> Optional.empty())
        .withPropertyValues("app.jwt.secret=" + SECRET, "app.jwt.email-claim=upn")
        .run(context -> {
          assertThat(context).hasSingleBean(JwtUserAuthenticationProvider.class);
          assertThat(context.getBean(JwtProperties.class).emailClaim()).isEqualTo("upn");
        });
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
        .withUserConfiguration(JwtConfiguration.class)
        .withBean(UserEmailLookup.class, () -> email -> Optional.empty())
        .withPropertyValues("app.jwt.secret=too-short")
        .run(context -> assertThat(context).hasFailed());
  }

  private void unauthorized(String token) throws Exception {
    ResultActions result = mvc.perform(get("/v1/me").header("Authorization", "Bearer " + token));
    result
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(header().string("WWW-Authenticate", "Bearer error=\"invalid_token\""))
        .andExpect(jsonPath("$.code").value("UNAUTHORIZED"))
        .andExpect(jsonPath("$.status").value(401));
  }

  static JWTClaimsSet claims(Consumer<JWTClaimsSet.Builder> change) {
    Instant now = Instant.now();
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .subject("idp|alice")
        .claim("email", "alice@example.com")
        .claim("email_verified", true)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(300)));
    change.accept(claims);
    return claims.build();
  }

  static String token(Consumer<JWTClaimsSet.Builder> change) {
    return sign(claims(change), SECRET);
  }

  static String sign(JWTClaimsSet claims, String secret) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
      jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
