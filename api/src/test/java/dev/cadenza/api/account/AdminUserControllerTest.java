package dev.cadenza.api.account;

import static dev.cadenza.api.problem.ApiWebTestConfiguration.ADMIN;
import static org.hamcrest.Matchers.hasSize;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.cadenza.api.auth.ApiKeyLookup;
import dev.cadenza.api.problem.ApiException;
import dev.cadenza.api.problem.ApiWebTestConfiguration;
import dev.cadenza.api.problem.ProblemCode;
import dev.cadenza.credits.Account;
import dev.cadenza.credits.TransactionType;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

@WebMvcTest(
    properties = {
      ApiWebTestConfiguration.NO_EMBEDDED_DATABASE,
      ApiWebTestConfiguration.NO_EMBEDDED_TEMPORAL,
      "app.admin-api-key=" + ApiWebTestConfiguration.ADMIN_KEY
    })
@ContextConfiguration(classes = {ApiWebTestConfiguration.class, AdminUserController.class})
class AdminUserControllerTest {
  private static final User ADA = new User(
      "usr_ada", "ada@example.com", "Ada", "whsec_abc", Instant.parse("2025-01-01T00:00:00Z"));

  @Autowired
  MockMvc mvc;

  @MockitoBean
  AccountService accounts;

  @MockitoBean
  ApiKeyLookup apiKeyLookup;

  private ResultActions post(String path, String body) throws Exception {
    return mvc.perform(MockMvcRequestBuilders.post(path)
        .header("Authorization", ADMIN)
        .contentType(MediaType.APPLICATION_JSON)
        .content(body));
  }

  private static ResultActions problem(ResultActions actions, int status, String code)
      throws Exception {
    return actions
        .andExpect(status().is(status))
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value(code))
        .andExpect(jsonPath("$.status").value(status));
  }

  @Test
  void createsAUser() throws Exception {
    given(accounts.createUser("ada@example.com", "Ada", 250))
        .willReturn(new NewUser(ADA, "cdz_secret"));

    post("/v1/admin/users", "{\"email\":\"ada@example.com\",\"name\":\"Ada\",\"credits\":250}")
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/v1/admin/users/usr_ada"))
        .andExpect(content().contentType(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.id").value("usr_ada"))
        .andExpect(jsonPath("$.email").value("ada@example.com"))
        .andExpect(jsonPath("$.name").value("Ada"))
        .andExpect(jsonPath("$.apiKey").value("cdz_secret"));
  }

  @Test
  void creditsAreOptional() throws Exception {
    given(accounts.createUser(anyString(), anyString(), anyLong()))
        .willReturn(new NewUser(ADA, "cdz_x"));
    post("/v1/admin/users", "{\"email\":\"ada@example.com\",\"name\":\"Ada\"}")
        .andExpect(status().isCreated());
    verify(accounts).createUser("ada@example.com", "Ada", 0);
  }

  @Test
  void duplicateEmailIsAConflict() throws Exception {
    given(accounts.createUser(anyString(), anyString(), anyLong()))
        .willThrow(ApiException.conflict("A user with this email already exists."));
    problem(
        post("/v1/admin/users", "{\"email\":\"ada@example.com\",\"name\":\"Ada\"}"),
        409,
        "CONFLICT");
  }

  @Test
  void invalidUsersAre422WithEveryField() throws Exception {
    problem(
            post(
                "/v1/admin/users",
                "{\"email\":\"not-an-email\",\"name\":\"" + "n".repeat(201) + "\",\"credits\":-1}"),
            422,
            "VALIDATION_FAILED")
        .andExpect(jsonPath("$.errors", hasSize(3)))
        .andExpect(jsonPath("$.errors[0].field").value("credits"))
        .andExpect(jsonPath("$.errors[1].field").value("email"))
        .andExpect(jsonPath("$.errors[2].field").value("name"));
    problem(post("/v1/admin/users", "{\"name\":\" \"}"), 422, "VALIDATION_FAILED")
        .andExpect(jsonPath("$.errors[0].field").value("email"))
        .andExpect(jsonPath("$.errors[1].field").value("name"));
    String longEmail = "a".repeat(64) + "@" + ("b".repeat(60) + ".").repeat(5) + "com";
    problem(
        post("/v1/admin/users", "{\"email\":\"" + longEmail + "\",\"name\":\"A\"}"),
        422,
        "VALIDATION_FAILED");
    problem(
            post("/v1/admin/users", "{\"email\":\"a@b.c\",\"name\":\"A\",\"credits\":1000000001}"),
            422,
            "VALIDATION_FAILED")
        .andExpect(jsonPath("$.errors[0].field").value("credits"));
    problem(
            post("/v1/admin/users", "{\"email\":\"a@b.c\",\"name\":\"A\",\"credits\":\"lots\"}"),
            422,
            "VALIDATION_FAILED")
        .andExpect(jsonPath("$.errors[0].field").value("credits"));
    verify(accounts, never()).createUser(anyString(), anyString(), anyLong());
  }

  @Test
  void malformedJsonIs400() throws Exception {
    problem(post("/v1/admin/users", "{\"email\": \"a@b.c\", "), 400, "MALFORMED_REQUEST");
    problem(post("/v1/admin/users", ""), 400, "MALFORMED_REQUEST");
  }

  @Test
  void nonJsonIs415() throws Exception {
    problem(
        mvc.perform(MockMvcRequestBuilders.post("/v1/admin/users")
            .header("Authorization", ADMIN)
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .content("email=a@b.c&name=A")),
        415,
        "UNSUPPORTED_MEDIA_TYPE");
  }

  @Test
  void addsCreditsAndAnswersTheAccount() throws Exception {
    given(accounts.addCredits("usr_ada", TransactionType.PURCHASE, 100, "order 9"))
        .willReturn(new UserAccount(ADA, new Account("usr_ada", 350, 20, 350, 0), 2));

    post(
            "/v1/admin/users/usr_ada/credits",
            "{\"amount\":100,\"type\":\"purchase\",\"description\":\"order 9\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.id").value("usr_ada"))
        .andExpect(jsonPath("$.email").value("ada@example.com"))
        .andExpect(jsonPath("$.webhookSecret").value("whsec_abc"))
        .andExpect(jsonPath("$.credits.balance").value(350))
        .andExpect(jsonPath("$.credits.reserved").value(20))
        .andExpect(jsonPath("$.credits.available").value(330))
        .andExpect(jsonPath("$.credits.lifetimeEarned").value(350))
        .andExpect(jsonPath("$.credits.lifetimeSpent").value(0));
  }

  @Test
  void negativeAdjustment() throws Exception {
    given(accounts.addCredits("usr_ada", TransactionType.ADMIN_ADJUST, -5, null))
        .willReturn(new UserAccount(ADA, new Account("usr_ada", 5, 0, 5, 0), 2));
    post("/v1/admin/users/usr_ada/credits", "{\"amount\":-5,\"type\":\"admin_adjust\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.credits.balance").value(5));
  }

  @Test
  void unknownOrForbiddenTypesAre422() throws Exception {
    for (String type : new String[] {"spend", "refund", "PURCHASE", "gift", ""}) {
      problem(
              post("/v1/admin/users/usr_ada/credits", "{\"amount\":5,\"type\":\"" + type + "\"}"),
              422,
              "VALIDATION_FAILED")
          .andExpect(jsonPath("$.errors[0].field").value("type"));
    }
    problem(post("/v1/admin/users/usr_ada/credits", "{\"amount\":5}"), 422, "VALIDATION_FAILED")
        .andExpect(jsonPath("$.errors[0].field").value("type"));
    problem(
            post("/v1/admin/users/usr_ada/credits", "{\"type\":\"bonus\"}"),
            422,
            "VALIDATION_FAILED")
        .andExpect(jsonPath("$.errors[0].field").value("amount"));
    problem(
            post("/v1/admin/users/usr_ada/credits", "{\"amount\":1.5e12,\"type\":\"bonus\"}"),
            422,
            "VALIDATION_FAILED")
        .andExpect(jsonPath("$.errors[0].field").value("amount"));
    verify(accounts, never()).addCredits(anyString(), any(), anyLong(), any());
  }

  @Test
  void serviceRulesAndMissingUsersBecomeProblems() throws Exception {
    given(accounts.addCredits(eq("usr_ada"), eq(TransactionType.PURCHASE), eq(-5L), any()))
        .willThrow(
            ApiException.invalidField("amount", "may be negative only with type admin_adjust"));
    problem(
            post("/v1/admin/users/usr_ada/credits", "{\"amount\":-5,\"type\":\"purchase\"}"),
            422,
            "VALIDATION_FAILED")
        .andExpect(jsonPath("$.errors[0].field").value("amount"));

    given(accounts.addCredits(eq("usr_ghost"), any(), anyLong(), any()))
        .willThrow(ApiException.notFound("User"));
    problem(
        post("/v1/admin/users/usr_ghost/credits", "{\"amount\":5,\"type\":\"bonus\"}"),
        404,
        "NOT_FOUND");

    given(accounts.addCredits(eq("usr_ada"), eq(TransactionType.ADMIN_ADJUST), eq(-500L), any()))
        .willThrow(new ApiException(
            HttpStatus.UNPROCESSABLE_ENTITY, ProblemCode.INSUFFICIENT_CREDITS, "no"));
    problem(
        post("/v1/admin/users/usr_ada/credits", "{\"amount\":-500,\"type\":\"admin_adjust\"}"),
        422,
        "INSUFFICIENT_CREDITS");
  }

  @Test
  void getsAUser() throws Exception {
    given(accounts.account("usr_ada"))
        .willReturn(new UserAccount(ADA, new Account("usr_ada", 1, 0, 1, 0), 2));
    mvc.perform(get("/v1/admin/users/usr_ada").header("Authorization", ADMIN))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.credits.balance").value(1));
  }
}
