package dev.cadenza.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
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
import dev.cadenza.api.auth.ApiKeyLookup;
import dev.cadenza.api.auth.ApiKeys;
import dev.cadenza.api.problem.ApiWebTestConfiguration;
import dev.cadenza.credits.Account;
import dev.cadenza.testsupport.TestDatabase;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The rate limit in the web stack (security, problem handling) with its buckets on a real
 * PostgreSQL: a burst of 3 and practically no refill.
 */
@WebMvcTest(
    properties = {
      ApiWebTestConfiguration.NO_EMBEDDED_DATABASE,
      ApiWebTestConfiguration.NO_EMBEDDED_TEMPORAL,
      "app.admin-api-key=" + ApiWebTestConfiguration.ADMIN_KEY,
      "app.rate-limit.capacity=3",
      "app.rate-limit.refill-per-second=0.001"
    })
@ContextConfiguration(
    classes = {
      ApiWebTestConfiguration.class,
      AccountController.class,
      AdminUserController.class,
      RateLimitConfiguration.class,
      RateLimitFilter.class,
      TokenBuckets.class,
      RateLimitFilterTest.Database.class
    })
class RateLimitFilterTest {
  private static final String NEW_USER = "{\"email\":\"bob@example.com\",\"name\":\"Bob\"}";

  @TestConfiguration(proxyBeanMethods = false)
  static class Database {
    @Bean
    JdbcClient jdbcClient() {
      return JdbcClient.create(TestDatabase.fresh());
    }
  }

  @Autowired
  MockMvc mvc;

  @MockitoBean
  ApiKeyLookup apiKeyLookup;

  @MockitoBean
  AccountService accounts;

  @BeforeEach
  void everyKeyIsItsOwnUser() {
    // Each test uses new keys, so new buckets: the user id is derived from the key.
    given(apiKeyLookup.findActiveUserId(anyString()))
        .willAnswer(
            call -> Optional.of("usr_" + call.getArgument(0, String.class).substring(0, 16)));
    given(accounts.account(anyString())).willAnswer(call -> {
      User user = new User(call.getArgument(0), "u@example.com", "U", "whsec_x", Instant.EPOCH);
      return new UserAccount(user, new Account(user.id(), 10, 0, 10, 0), 2);
    });
    User bob = new User("usr_bob", "bob@example.com", "Bob", "whsec_y", Instant.EPOCH);
    given(accounts.createUser(anyString(), anyString(), anyLong()))
        .willReturn(new NewUser(bob, "cdz_new"));
  }

  @Test
  void aKeyGetsItsBurstThenA429WithRetryAfter() throws Exception {
    String key = ApiKeys.generate();
    for (int remaining = 2; remaining >= 0; remaining--) {
      me(key)
          .andExpect(status().isOk())
          .andExpect(header().string(RateLimitFilter.LIMIT_HEADER, "3"))
          .andExpect(header().string(RateLimitFilter.REMAINING_HEADER, "" + remaining));
    }

    me(key)
        .andExpect(status().isTooManyRequests())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        // A token every 1000 s; the few milliseconds since the last take may round it down.
        .andExpect(header().string("Retry-After", matchesPattern("99\\d|1000")))
        .andExpect(header().string(RateLimitFilter.REMAINING_HEADER, "0"))
        .andExpect(jsonPath("$.code").value("RATE_LIMITED"))
        .andExpect(jsonPath("$.status").value(429))
        .andExpect(jsonPath("$.title").value("Too Many Requests"))
        .andExpect(jsonPath("$.type").value("urn:cadenza:problem:rate-limited"))
        .andExpect(jsonPath("$.instance").value("/v1/me"))
        .andExpect(jsonPath("$.detail").isNotEmpty());
  }

  @Test
  void otherKeysAndTheAdminHaveTheirOwnBuckets() throws Exception {
    String spent = ApiKeys.generate();
    for (int i = 0; i < 3; i++) {
      me(spent).andExpect(status().isOk());
    }
    me(spent).andExpect(status().isTooManyRequests());

    me(ApiKeys.generate())
        .andExpect(status().isOk())
        .andExpect(header().string(RateLimitFilter.REMAINING_HEADER, "2"));
    mvc.perform(post("/v1/admin/users")
            .header("Authorization", ApiWebTestConfiguration.ADMIN)
            .contentType(MediaType.APPLICATION_JSON)
            .content(NEW_USER))
        .andExpect(status().isCreated())
        .andExpect(header().string(RateLimitFilter.REMAINING_HEADER, "2"));
  }

  @Test
  void requestsWithoutAValidKeyAreRefusedBySecurityAndCostNothing() throws Exception {
    for (int i = 0; i < 5; i++) {
      mvc.perform(get("/v1/me"))
          .andExpect(status().isUnauthorized())
          .andExpect(header().doesNotExist(RateLimitFilter.LIMIT_HEADER));
    }
  }

  @Test
  void publicPathsAreNotLimited() throws Exception {
    String key = ApiKeys.generate();
    for (int i = 0; i < 3; i++) {
      me(key).andExpect(status().isOk());
    }
    for (String path : new String[] {"/v1/feed", "/v1/files/some/file.wav"}) {
      int answer = mvc.perform(get(path).header("Authorization", "Bearer " + key))
          .andExpect(header().doesNotExist(RateLimitFilter.LIMIT_HEADER))
          .andReturn()
          .getResponse()
          .getStatus();
      assertThat(answer).as(path).isNotEqualTo(429);
    }
  }

  private ResultActions me(String key) throws Exception {
    return mvc.perform(get("/v1/me").header("Authorization", "Bearer " + key));
  }
}
