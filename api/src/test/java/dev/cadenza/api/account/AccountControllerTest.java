package dev.cadenza.api.account;

import static dev.cadenza.api.problem.ApiWebTestConfiguration.USER;
import static dev.cadenza.api.problem.ApiWebTestConfiguration.USER_KEY;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.cadenza.api.auth.ApiKeyLookup;
import dev.cadenza.api.auth.ApiKeys;
import dev.cadenza.api.paging.CursorCodec;
import dev.cadenza.api.problem.ApiWebTestConfiguration;
import dev.cadenza.credits.Account;
import dev.cadenza.credits.Transaction;
import dev.cadenza.credits.TransactionPage;
import dev.cadenza.credits.TransactionType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@WebMvcTest(
    properties = {
      ApiWebTestConfiguration.NO_EMBEDDED_DATABASE,
      ApiWebTestConfiguration.NO_EMBEDDED_TEMPORAL,
      "app.admin-api-key=" + ApiWebTestConfiguration.ADMIN_KEY,
      // The slice must render RFC 3339 even with Jackson's default of numeric timestamps.
      "spring.jackson.serialization.write-dates-as-timestamps=true"
    })
@ContextConfiguration(classes = {ApiWebTestConfiguration.class, AccountController.class})
class AccountControllerTest {
  private static final String ME = "usr_me";

  @Autowired
  MockMvc mvc;

  @MockitoBean
  AccountService accounts;

  @MockitoBean
  ApiKeyLookup apiKeyLookup;

  @BeforeEach
  void authenticate() {
    given(apiKeyLookup.findActiveUserId(ApiKeys.hash(USER_KEY))).willReturn(Optional.of(ME));
  }

  private ResultActions getAsUser(String path) throws Exception {
    return mvc.perform(get(path).header("Authorization", USER));
  }

  private static ResultActions problem(ResultActions actions, int status, String code)
      throws Exception {
    return actions
        .andExpect(status().is(status))
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value(code));
  }

  @Test
  void meShowsTheCallersAccount() throws Exception {
    User me = new User(ME, "me@example.com", "Me", "whsec_c2VjcmV0", Instant.EPOCH);
    given(accounts.account(ME))
        .willReturn(new UserAccount(me, new Account(ME, 100, 30, 120, 20), 2));

    getAsUser("/v1/me")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.id").value(ME))
        .andExpect(jsonPath("$.email").value("me@example.com"))
        .andExpect(jsonPath("$.name").value("Me"))
        .andExpect(jsonPath("$.webhookSecret").value("whsec_c2VjcmV0"))
        .andExpect(jsonPath("$.credits.balance").value(100))
        .andExpect(jsonPath("$.credits.reserved").value(30))
        .andExpect(jsonPath("$.credits.available").value(70))
        .andExpect(jsonPath("$.credits.lifetimeEarned").value(120))
        .andExpect(jsonPath("$.credits.lifetimeSpent").value(20));
  }

  @Test
  void transactionsPage() throws Exception {
    Instant at = Instant.parse("2025-03-04T05:06:07.123456Z");
    given(accounts.transactions(ME, 2, null))
        .willReturn(new TransactionPage(
            List.of(
                new Transaction(9, TransactionType.SPEND, -30, 70, "gen_1", "song", at),
                new Transaction(7, TransactionType.BONUS, 100, 100, "signup:usr_me", null, at)),
            7L));

    getAsUser("/v1/credits/transactions?limit=2")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.data.length()").value(2))
        .andExpect(jsonPath("$.data[0].id").value("txn_9"))
        .andExpect(jsonPath("$.data[0].type").value("spend"))
        .andExpect(jsonPath("$.data[0].amount").value(-30))
        .andExpect(jsonPath("$.data[0].balanceAfter").value(70))
        .andExpect(jsonPath("$.data[0].referenceId").value("gen_1"))
        .andExpect(jsonPath("$.data[0].description").value("song"))
        .andExpect(jsonPath("$.data[0].createdAt").value("2025-03-04T05:06:07.123456Z"))
        .andExpect(jsonPath("$.data[1].type").value("bonus"))
        .andExpect(jsonPath("$.data[1].description").isEmpty())
        .andExpect(jsonPath("$.nextCursor").value(CursorCodec.encode(7L)));
  }

  @Test
  void cursorAndDefaultLimit() throws Exception {
    given(accounts.transactions(ME, 20, 7L)).willReturn(new TransactionPage(List.of(), null));
    getAsUser("/v1/credits/transactions?cursor=" + CursorCodec.encode(7L))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.data.length()").value(0))
        .andExpect(jsonPath("$.nextCursor").isEmpty());
    verify(accounts).transactions(ME, 20, 7L);
  }

  @Test
  void badPagingParameters() throws Exception {
    problem(getAsUser("/v1/credits/transactions?limit=0"), 422, "VALIDATION_FAILED")
        .andExpect(jsonPath("$.errors[0].field").value("limit"));
    problem(getAsUser("/v1/credits/transactions?limit=101"), 422, "VALIDATION_FAILED");
    problem(getAsUser("/v1/credits/transactions?limit=ten"), 400, "INVALID_PARAMETER");
    problem(getAsUser("/v1/credits/transactions?cursor=garbage"), 400, "INVALID_CURSOR");
    verify(accounts, never())
        .transactions(anyString(), anyInt(), org.mockito.ArgumentMatchers.any());
  }

  @Test
  void needsAUserKey() throws Exception {
    problem(mvc.perform(get("/v1/credits/transactions")), 401, "UNAUTHORIZED");
    problem(
        mvc.perform(get("/v1/me").header("Authorization", ApiWebTestConfiguration.ADMIN)),
        403,
        "FORBIDDEN");
  }
}
