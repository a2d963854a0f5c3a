package dev.cadenza.api.generation;

import static dev.cadenza.api.problem.ApiWebTestConfiguration.ADMIN;
import static dev.cadenza.api.problem.ApiWebTestConfiguration.USER;
import static dev.cadenza.api.problem.ApiWebTestConfiguration.USER_KEY;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.cadenza.api.auth.ApiKeyLookup;
import dev.cadenza.api.auth.ApiKeys;
import dev.cadenza.api.idempotency.IdempotencyService;
import dev.cadenza.api.problem.ApiException;
import dev.cadenza.api.problem.ApiWebTestConfiguration;
import dev.cadenza.api.problem.ProblemCode;
import dev.cadenza.generation.Generation;
import dev.cadenza.generation.GenerationView;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** Operators' view and retry of any generation, with {@link GenerationRetry} mocked. */
@WebMvcTest(
    properties = {
      ApiWebTestConfiguration.NO_EMBEDDED_DATABASE,
      ApiWebTestConfiguration.NO_EMBEDDED_TEMPORAL,
      "app.admin-api-key=" + ApiWebTestConfiguration.ADMIN_KEY
    })
@ContextConfiguration(classes = {ApiWebTestConfiguration.class, AdminGenerationController.class})
class AdminGenerationControllerTest {
  @Autowired
  MockMvc mvc;

  @MockitoBean
  GenerationRetry retries;

  @MockitoBean
  GenerationView views;

  @MockitoBean
  IdempotencyService idempotency;

  @MockitoBean
  ApiKeyLookup apiKeyLookup;

  private final Generation generation = Mockito.mock(Generation.class);

  @BeforeEach
  void setUp() {
    given(apiKeyLookup.findActiveUserId(ApiKeys.hash(USER_KEY))).willReturn(Optional.of("usr_me"));
    given(idempotency.execute(anyString(), any(), anyString(), any(), any()))
        .willAnswer(call -> ((Supplier<?>) call.getArgument(4)).get());
    given(generation.id()).willReturn("gen_2");
    given(generation.userId()).willReturn("usr_owner");
    given(views.detailed(generation)).willReturn(BatchControllerTest.resource("gen_2"));
  }

  @Test
  void anOperatorSeesAnyGenerationWithItsUser() throws Exception {
    given(retries.find("gen_2")).willReturn(generation);

    mvc.perform(get("/v1/admin/generations/gen_2").header("Authorization", ADMIN))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.id").value("gen_2"))
        .andExpect(jsonPath("$.userId").value("usr_owner"));
  }

  @Test
  void aRetryAnswers201WithTheNewGeneration() throws Exception {
    given(retries.retry("gen_1")).willReturn(generation);

    mvc.perform(post("/v1/admin/generations/gen_1/retry").header("Authorization", ADMIN))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/v1/admin/generations/gen_2"))
        .andExpect(jsonPath("$.userId").value("usr_owner"));
  }

  @Test
  void aGenerationThatCannotRunAgainIsAConflict() throws Exception {
    given(retries.retry("gen_1"))
        .willThrow(new ApiException(HttpStatus.CONFLICT, ProblemCode.NOT_RETRYABLE, "running"));

    mvc.perform(post("/v1/admin/generations/gen_1/retry").header("Authorization", ADMIN))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("NOT_RETRYABLE"));
  }

  @Test
  void aUserKeyIsForbidden() throws Exception {
    mvc.perform(get("/v1/admin/generations/gen_2").header("Authorization", USER))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("FORBIDDEN"));
    verifyNoInteractions(retries);
  }
}
