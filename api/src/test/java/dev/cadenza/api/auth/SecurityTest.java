package dev.cadenza.api.auth;

import static dev.cadenza.api.problem.ApiWebTestConfiguration.ADMIN;
import static dev.cadenza.api.problem.ApiWebTestConfiguration.USER;
import static dev.cadenza.api.problem.ApiWebTestConfiguration.USER_KEY;
import static org.mockito.ArgumentMatchers.anyLong;
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

import dev.cadenza.api.account.AccountController;
import dev.cadenza.api.account.AccountService;
import dev.cadenza.api.account.AdminUserController;
import dev.cadenza.api.account.NewUser;
import dev.cadenza.api.account.User;
import dev.cadenza.api.account.UserAccount;
import dev.cadenza.api.problem.ApiWebTestConfiguration;
import dev.cadenza.credits.Account;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The filter chain end to end in a web slice: who may call what, and how refusals look. */
@WebMvcTest(
    properties = {
      ApiWebTestConfiguration.NO_EMBEDDED_DATABASE,
      ApiWebTestConfiguration.NO_EMBEDDED_TEMPORAL,
      "app.admin-api-key=" + ApiWebTestConfiguration.ADMIN_KEY
    })
@ContextConfiguration(
    classes = {ApiWebTestConfiguration.class, AccountController.class, AdminUserController.class})
class SecurityTest {
  private static final String USER_ID = "usr_alice";
  private static final String NEW_USER = "{\"email\":\"bob@example.com\",\"name\":\"Bob\"}";

  @Autowired
  MockMvc mvc;

  @MockitoBean
  ApiKeyLookup apiKeyLookup;

  @MockitoBean
  AccountService accounts;

  @BeforeEach
  void knownUserKey() {
    given(apiKeyLookup.findActiveUserId(anyString())).willReturn(Optional.empty());
    given(apiKeyLookup.findActiveUserId(ApiKeys.hash(USER_KEY))).willReturn(Optional.of(USER_ID));
    User alice = new User(USER_ID, "alice@example.com", "Alice", "whsec_x", Instant.EPOCH);
    given(accounts.account(USER_ID))
        .willReturn(new UserAccount(alice, new Account(USER_ID, 10, 0, 10, 0), 2));
    User bob = new User("usr_bob", "bob@example.com", "Bob", "whsec_y", Instant.EPOCH);
    given(accounts.createUser(anyString(), anyString(), anyLong()))
        .willReturn(new NewUser(bob, "cdz_new"));
  }

  @Test
  void noHeaderIsUnauthorized() throws Exception {
    mvc.perform(get("/v1/me"))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(header().string("WWW-Authenticate", "Bearer"))
        .andExpect(jsonPath("$.code").value("UNAUTHORIZED"))
        .andExpect(jsonPath("$.status").value(401))
        .andExpect(jsonPath("$.title").value("Unauthorized"))
        .andExpect(jsonPath("$.type").value("urn:cadenza:problem:unauthorized"))
        .andExpect(jsonPath("$.detail").isString());
  }

  @Test
  void unknownKeyIsUnauthorized() throws Exception {
    mvc.perform(get("/v1/me").header("Authorization", "Bearer cdz_" + "B".repeat(32)))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(header().string("WWW-Authenticate", "Bearer error=\"invalid_token\""))
        .andExpect(jsonPath("$.code").value("UNAUTHORIZED"));
  }

  @Test
  void otherSchemesAndMalformedKeysAreUnauthorizedWithoutAQuery() throws Exception {
    mvc.perform(get("/v1/me").header("Authorization", "Basic YWRtaW46YWRtaW4="))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.code").value("UNAUTHORIZED"));
    mvc.perform(get("/v1/me").header("Authorization", "Bearer "))
        .andExpect(status().isUnauthorized());
    mvc.perform(get("/v1/me").header("Authorization", "Bearer not-a-key"))
        .andExpect(status().isUnauthorized());
    verify(apiKeyLookup, never()).findActiveUserId(anyString());
  }

  @Test
  void userKeyReachesUserEndpointsAsItsUser() throws Exception {
    mvc.perform(get("/v1/me").header("Authorization", USER))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.id").value(USER_ID));
    // Looked up by hash: the plain key never reaches the database.
    verify(apiKeyLookup).findActiveUserId(ApiKeys.hash(USER_KEY));
    verify(apiKeyLookup, never()).findActiveUserId(USER_KEY);
  }

  @Test
  void bearerSchemeIsCaseInsensitive() throws Exception {
    mvc.perform(get("/v1/me").header("Authorization", "bearer " + USER_KEY))
        .andExpect(status().isOk());
  }

  @Test
  void userKeyOnAdminEndpointIsForbidden() throws Exception {
    mvc.perform(post("/v1/admin/users")
            .header("Authorization", USER)
            .contentType(MediaType.APPLICATION_JSON)
            .content(NEW_USER))
        .andExpect(status().isForbidden())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("FORBIDDEN"));
    verify(accounts, never()).createUser(anyString(), anyString(), anyLong());
  }

  @Test
  void adminKeyOnAdminEndpointIsAllowed() throws Exception {
    mvc.perform(post("/v1/admin/users")
            .header("Authorization", ADMIN)
            .contentType(MediaType.APPLICATION_JSON)
            .content(NEW_USER))
        .andExpect(status().isCreated());
    verify(apiKeyLookup, never()).findActiveUserId(anyString());
  }

  @Test
  void adminKeyOnUserEndpointIsForbidden() throws Exception {
    mvc.perform(get("/v1/me").header("Authorization", ADMIN))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("FORBIDDEN"));
  }

  @Test
  void adminKeyWithoutAdminEndpointIsUnauthorized() throws Exception {
    mvc.perform(post("/v1/admin/users").contentType(MediaType.APPLICATION_JSON).content(NEW_USER))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.code").value("UNAUTHORIZED"));
  }

  @Test
  void publicPathsNeedNoKey() throws Exception {
    // No controller behind them in this slice: reaching the 404 means security let them pass.
    for (String path : new String[] {
      "/v1/feed",
      "/v1/files/abc/def.png",
      "/actuator/health",
      "/actuator/health/liveness",
      "/actuator/prometheus",
      "/v3/api-docs",
      "/swagger-ui/index.html"
    }) {
      mvc.perform(get(path))
          .andExpect(status().isNotFound())
          .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
          .andExpect(jsonPath("$.code").value("NOT_FOUND"));
    }
  }

  @Test
  void publicPathsIgnoreABadKey() throws Exception {
    mvc.perform(get("/v1/feed").header("Authorization", "Bearer wrong"))
        .andExpect(status().isNotFound());
  }

  @Test
  void everythingElseNeedsAKey() throws Exception {
    mvc.perform(get("/")).andExpect(status().isUnauthorized());
    mvc.perform(get("/actuator/env")).andExpect(status().isUnauthorized());
    mvc.perform(get("/v1/generations")).andExpect(status().isUnauthorized());
    mvc.perform(get("/actuator/env").header("Authorization", USER))
        .andExpect(status().isForbidden());
  }

  @Test
  void noSessionCookie() throws Exception {
    mvc.perform(get("/v1/me").header("Authorization", USER))
        .andExpect(header().doesNotExist("Set-Cookie"));
  }
}
