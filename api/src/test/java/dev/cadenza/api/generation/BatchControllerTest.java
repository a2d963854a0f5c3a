package dev.cadenza.api.generation;

import static dev.cadenza.api.problem.ApiWebTestConfiguration.USER;
import static dev.cadenza.api.problem.ApiWebTestConfiguration.USER_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cadenza.api.auth.ApiKeyLookup;
import dev.cadenza.api.auth.ApiKeys;
import dev.cadenza.api.generation.input.SongInput;
import dev.cadenza.api.idempotency.IdempotencyService;
import dev.cadenza.api.problem.ApiException;
import dev.cadenza.api.problem.ApiWebTestConfiguration;
import dev.cadenza.generation.Generation;
import dev.cadenza.generation.GenerationResource;
import dev.cadenza.generation.GenerationView;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * {@code POST /v1/batches} with the services mocked: the items are typed requests, a mistake in
 * one is a 422 naming it by its index ({@code items[1].…}), and nothing reaches the service.
 */
@WebMvcTest(
    properties = {
      ApiWebTestConfiguration.NO_EMBEDDED_DATABASE,
      ApiWebTestConfiguration.NO_EMBEDDED_TEMPORAL,
      "app.admin-api-key=" + ApiWebTestConfiguration.ADMIN_KEY
    })
@ContextConfiguration(classes = {ApiWebTestConfiguration.class, BatchController.class})
class BatchControllerTest {
  private static final String ME = "usr_me";
  private static final String SONG = "{\"type\":\"song\",\"input\":{\"description\":\"rain\"}}";

  @Autowired
  MockMvc mvc;

  @MockitoBean
  GenerationService generations;

  @MockitoBean
  GenerationView views;

  @MockitoBean
  IdempotencyService idempotency;

  @MockitoBean
  ApiKeyLookup apiKeyLookup;

  @BeforeEach
  void signedIn() {
    given(apiKeyLookup.findActiveUserId(ApiKeys.hash(USER_KEY))).willReturn(Optional.of(ME));
    given(idempotency.execute(anyString(), any(), anyString(), any(), any()))
        .willAnswer(call -> ((Supplier<?>) call.getArgument(4)).get());
  }

  private ResultActions batch(String items) throws Exception {
    return mvc.perform(post("/v1/batches")
        .header("Authorization", USER)
        .contentType(MediaType.APPLICATION_JSON)
        .content("{\"items\":[" + items + "]}"));
  }

  private static void refused(ResultActions answer, String field, String message) throws Exception {
    answer
        .andExpect(status().isUnprocessableEntity())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
        .andExpect(jsonPath("$.errors[0].field").value(field))
        .andExpect(jsonPath("$.errors[0].message").value(message));
  }

  /** A queued generation's view, as the mocked {@link GenerationView} answers. */
  static GenerationResource resource(String id) {
    return new GenerationResource(
        id,
        "song",
        "queued",
        JsonNodeFactory.instance.objectNode(),
        null,
        null,
        10,
        false,
        null,
        null,
        JsonNodeFactory.instance.arrayNode(),
        "2026-12-03T12:00:00Z",
        null,
        null);
  }

  @Test
  void twoSongsAreCreatedAsOneBatch() throws Exception {
    Generation song = Mockito.mock(Generation.class);
    Submitted submitted = new Submitted(song, null);
    given(generations.createBatch(eq(ME), anyString(), any()))
        .willReturn(List.of(submitted, submitted));
    given(views.admitted(song, null)).willReturn(resource("gen_1"));

    batch(SONG + "," + SONG.replace("rain", "snow"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.id").value(org.hamcrest.Matchers.startsWith("bat_")))
        .andExpect(jsonPath("$.generations.length()").value(2));

    @SuppressWarnings("unchecked")
    ArgumentCaptor<List<CreateGenerationRequest>> items = ArgumentCaptor.forClass(List.class);
    Mockito.verify(generations).createBatch(eq(ME), anyString(), items.capture());
    assertThat(items.getValue())
        .extracting(i -> ((SongInput) i.input()).description())
        .containsExactly("rain", "snow");
  }

  @Test
  void anInvalidItemIsNamedByItsIndexAndNothingIsCreated() throws Exception {
    refused(
        batch(SONG + ",{\"type\":\"image\",\"input\":{\"prompt\":\"\"}}"),
        "items[1].input.prompt",
        "must not be blank");
    refused(
        batch(SONG + ",{\"type\":\"song\",\"input\":{\"description\":\"x\",\"seed\":\"7\"}}"),
        "items[1].input.seed",
        "must be a whole number between 0 and 9223372036854775807");
    refused(
        batch(SONG + ",{\"type\":\"video\",\"input\":{}}"),
        "items[1].type",
        "must be one of song, image, image-to-3d, render");
    refused(batch("{\"input\":{}}"), "items[0].type", "is required");
    refused(batch(SONG + ",null"), "items[1]", "must be an object");
    verifyNoInteractions(generations);
  }

  @Test
  void noItemsOrMoreThanEightAreRefused() throws Exception {
    refused(batch(""), "items", "must hold between 1 and 8 generation requests");
    refused(
        batch(String.join(",", java.util.Collections.nCopies(9, SONG))),
        "items",
        "must hold between 1 and 8 generation requests");
    verifyNoInteractions(generations);
  }

  @Test
  void aBatchTheUserCannotAffordIsA402() throws Exception {
    given(generations.createBatch(eq(ME), anyString(), any()))
        .willThrow(new ApiException(
            HttpStatus.PAYMENT_REQUIRED, "INSUFFICIENT_CREDITS", "These 2 cost 20 credits"));

    batch(SONG + "," + SONG)
        .andExpect(status().isPaymentRequired())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("INSUFFICIENT_CREDITS"));
  }
}
