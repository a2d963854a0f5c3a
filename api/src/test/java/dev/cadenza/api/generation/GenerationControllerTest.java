package dev.cadenza.api.generation;

import static dev.cadenza.api.problem.ApiWebTestConfiguration.USER;
import static dev.cadenza.api.problem.ApiWebTestConfiguration.USER_KEY;
import static org.hamcrest.Matchers.hasItem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.cadenza.api.auth.ApiKeyLookup;
import dev.cadenza.api.auth.ApiKeys;
import dev.cadenza.api.generation.input.ImageInput;
import dev.cadenza.api.generation.input.RenderInput;
import dev.cadenza.api.idempotency.IdempotencyService;
import dev.cadenza.api.problem.ApiException;
import dev.cadenza.api.problem.ApiWebTestConfiguration;
import dev.cadenza.generation.Generation;
import dev.cadenza.generation.GenerationView;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
 * The generation endpoints over MockMvc with the services mocked: the typed inputs of API.md, read
 * by Jackson and checked by Bean Validation, answer each mistake with 422 {@code
 * VALIDATION_FAILED} naming its field, before any service is asked.
 */
@WebMvcTest(
    properties = {
      ApiWebTestConfiguration.NO_EMBEDDED_DATABASE,
      ApiWebTestConfiguration.NO_EMBEDDED_TEMPORAL,
      "app.admin-api-key=" + ApiWebTestConfiguration.ADMIN_KEY
    })
@ContextConfiguration(classes = {ApiWebTestConfiguration.class, GenerationController.class})
class GenerationControllerTest {
  private static final String ME = "usr_me";
  private static final String TIMELINE =
      "\"timeline\":{\"width\":640,\"height\":360,\"fps\":24," + "\"durationSeconds\":2";

  @Autowired
  MockMvc mvc;

  @MockitoBean
  GenerationService generations;

  @MockitoBean
  GenerationEndings endings;

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

  private ResultActions create(String body) throws Exception {
    return mvc.perform(post("/v1/generations")
        .header("Authorization", USER)
        .contentType(MediaType.APPLICATION_JSON)
        .content(body));
  }

  private void refused(String body, String field, String message) throws Exception {
    create(body)
        .andExpect(status().isUnprocessableEntity())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
        .andExpect(jsonPath("$.errors[?(@.field == '" + field + "')].message")
            .value(hasItem(org.hamcrest.Matchers.containsString(message))));
    verifyNoInteractions(generations);
  }

  @Test
  void aValidImageIsReadIntoItsRecordAndCreated() throws Exception {
    Generation created = Mockito.mock(Generation.class);
    given(created.id()).willReturn("gen_1");
    given(generations.create(eq(ME), any())).willReturn(new Submitted(created, null));

    create("{\"type\":\"image\",\"input\":{\"prompt\":\"a fox\",\"width\":5.12e2}}")
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/v1/generations/gen_1"));

    ArgumentCaptor<CreateGenerationRequest> request =
        ArgumentCaptor.forClass(CreateGenerationRequest.class);
    Mockito.verify(generations).create(eq(ME), request.capture());
    ImageInput image = (ImageInput) request.getValue().input();
    org.assertj.core.api.Assertions.assertThat(image.width())
        .isEqualByComparingTo(BigDecimal.valueOf(512));
  }

  @Test
  void aRenderIsReadWithItsNestedRecords() throws Exception {
    Generation created = Mockito.mock(Generation.class);
    given(created.id()).willReturn("gen_2");
    given(generations.create(eq(ME), any())).willReturn(new Submitted(created, null));

    create("{\"type\":\"render\",\"input\":{" + TIMELINE + ",\"tracks\":[{\"type\":\"text\","
            + "\"clips\":[{\"start\":0,\"duration\":1,\"text\":\"Hi\",\"color\":\"#fff\"}]}]},"
            + "\"publishTo\":[{\"platform\":\"webhook\",\"url\":\"https://e.com/x\"}]}}")
        .andExpect(status().isCreated());

    ArgumentCaptor<CreateGenerationRequest> request =
        ArgumentCaptor.forClass(CreateGenerationRequest.class);
    Mockito.verify(generations).create(eq(ME), request.capture());
    RenderInput render = (RenderInput) request.getValue().input();
    org.assertj.core.api.Assertions.assertThat(
            render.timeline().tracks().get(0).clips().get(0).text())
        .isEqualTo("Hi");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"input\":{\"prompt\":\"x\"}}|type|is required",
        "{\"type\":\"video\",\"input\":{}}|type|must be one of song, image, image-to-3d, render",
        "{\"type\":\"image\"}|input|is required",
        "{\"type\":\"image\",\"input\":[]}|input|must be an object",
        "{\"type\":\"image\",\"input\":{}}|input.prompt|is required",
        "{\"type\":\"image\",\"input\":{\"prompt\":\"  \"}}|input.prompt|must not be blank",
        "{\"type\":\"image\",\"input\":{\"prompt\":5}}|input.prompt|must be a string",
        "{\"type\":\"image\",\"input\":{\"prompt\":\"x\",\"width\":255}}|input.width|is out of range: must be a whole number between 256 and 1536",
        "{\"type\":\"image\",\"input\":{\"prompt\":\"x\",\"width\":1e308}}|input.width|is out of range: must be a whole number between 256 and 1536",
        "{\"type\":\"image\",\"input\":{\"prompt\":\"x\",\"width\":9223372036854775808}}|input.width|is out of range: must be a whole number between 256 and 1536",
        "{\"type\":\"image\",\"input\":{\"prompt\":\"x\",\"width\":512.5}}|input.width|is not a whole number: must be a whole number between 256 and 1536",
        "{\"type\":\"image\",\"input\":{\"prompt\":\"x\",\"height\":\"512\"}}|input.height|must be a whole number between 256 and 1536",
        "{\"type\":\"image\",\"input\":{\"prompt\":\"x\",\"seed\":-1}}|input.seed|is out of range: must be a whole number between 0 and 9223372036854775807",
        "{\"type\":\"image\",\"input\":{\"prompt\":\"x\",\"size\":1}}|input.size|is not a known field",
        "{\"type\":\"song\",\"input\":{\"description\":\"rain\",\"durationSeconds\":1e400}}|input.durationSeconds|is out of range: must be a whole number between 10 and 240",
        "{\"type\":\"song\",\"input\":{\"description\":\"rain\",\"guidanceScale\":21}}|input.guidanceScale|is out of range: must be a number between 1 and 20",
        "{\"type\":\"song\",\"input\":{\"description\":\"rain\",\"instrumental\":\"yes\"}}|input.instrumental|must be true or false",
        "{\"type\":\"song\",\"input\":{\"remixOf\":42}}|input.remixOf|must be a string",
        "{\"type\":\"song\",\"input\":{\"prompt\":\"x\",\"lyrics\":\"" + "a"
            + "\",\"colour\":1}}|input.colour|is not a known field",
        "{\"type\":\"image-to-3d\",\"input\":{}}|input|give exactly one of imageUrl, imageUploadId, imageFrom, prompt",
        "{\"type\":\"image-to-3d\",\"input\":{\"imageFrom\":\"gen_1\",\"prompt\":\"x\"}}|input|exactly one",
        "{\"type\":\"image-to-3d\",\"input\":{\"imageFrom\":7}}|input.imageFrom|must be a string",
        "{\"type\":\"image-to-3d\",\"input\":{\"imageUrl\":\"ftp://e.com/a.png\"}}|input.imageUrl|only http and https",
        "{\"type\":\"image-to-3d\",\"input\":{\"imageUrl\":\"http://127.0.0.1/a.png\"}}|input.imageUrl|not a public address",
        "{\"type\":\"image-to-3d\",\"input\":{\"imageUrl\":\"http://169.254.169.254/x\"}}|input.imageUrl|not a public address",
        "{\"type\":\"image-to-3d\",\"input\":{\"imageUrl\":\"http://[::1]/a.png\"}}|input.imageUrl|not a public address",
        "{\"type\":\"image-to-3d\",\"input\":{\"imageUrl\":\"http://localhost/a.png\"}}|input.imageUrl|not a public address",
        "{\"type\":\"image-to-3d\",\"input\":{\"imageUrl\":\"not a url\"}}|input.imageUrl|http(s) URL",
        "{\"type\":\"image-to-3d\",\"input\":{\"prompt\":\"x\",\"style\":\"\"}}|input.style|blank",
        "{\"type\":\"render\",\"input\":{}}|input.timeline|is required",
        "{\"type\":\"render\",\"input\":{\"timeline\":[]}}|input.timeline|must be an object",
        "{\"type\":\"render\",\"input\":{\"timeline\":{\"width\":640,\"height\":360,\"fps\":24}}}|input.timeline.durationSeconds|is required",
        "{\"type\":\"render\",\"input\":{\"timeline\":{\"width\":641,\"height\":360,\"fps\":24,\"durationSeconds\":2}}}|input.timeline.width|must be even",
        "{\"type\":\"render\",\"input\":{\"timeline\":{\"width\":1920,\"height\":1920,\"fps\":24,\"durationSeconds\":2}}}|input.timeline|1920 x 1080",
        "{\"type\":\"render\",\"input\":{\"timeline\":{\"width\":640,\"height\":360,\"fps\":61,\"durationSeconds\":2}}}|input.timeline.fps|between 1 and 60",
        "{\"type\":\"render\",\"input\":{\"timeline\":{\"width\":640,\"height\":360,\"fps\":24,\"durationSeconds\":61}}}|input.timeline.durationSeconds|must be a number between 0.5 and 60",
        "{\"type\":\"render\",\"input\":{" + TIMELINE
            + ",\"tracks\":[{\"type\":\"smell\"}]}}}|input.timeline.tracks[0].type|one of video, image, text, audio",
        "{\"type\":\"render\",\"input\":{" + TIMELINE
            + ",\"tracks\":[{\"type\":\"text\",\"clips\":[{\"start\":0,\"duration\":1}]}]}}}|input.timeline.tracks[0].clips[0].text|is required",
        "{\"type\":\"render\",\"input\":{" + TIMELINE
            + ",\"tracks\":[{\"type\":\"text\",\"clips\":[{\"start\":2,\"duration\":1,\"text\":\"x\"}]}]}}}|input.timeline.tracks[0].clips[0].start|before the end",
        "{\"type\":\"render\",\"input\":{" + TIMELINE
            + ",\"tracks\":[{\"type\":\"text\",\"clips\":[{\"start\":0,\"duration\":0,\"text\":\"x\"}]}]}}}|input.timeline.tracks[0].clips[0].duration|between",
        "{\"type\":\"render\",\"input\":{" + TIMELINE
            + ",\"tracks\":[{\"type\":\"image\",\"clips\":[{\"start\":0,\"duration\":1,\"text\":\"x\",\"sourceUrl\":\"https://e.com/a.png\"}]}]}}}|input.timeline.tracks[0].clips[0].text|is not used by a image clip",
        "{\"type\":\"render\",\"input\":{" + TIMELINE
            + ",\"tracks\":[{\"type\":\"video\",\"clips\":[{\"start\":0,\"duration\":1}]}]}}}|input.timeline.tracks[0].clips[0]|exactly one of color, sourceUrl or uploadId",
        "{\"type\":\"render\",\"input\":{" + TIMELINE
            + ",\"tracks\":[{\"type\":\"image\",\"clips\":[{\"start\":0,\"duration\":1,\"uploadId\":\"upl_1\",\"sourceUrl\":\"https://e.com/a.png\"}]}]}}}|input.timeline.tracks[0].clips[0]|exactly one of sourceUrl or uploadId",
        "{\"type\":\"render\",\"input\":{" + TIMELINE
            + ",\"tracks\":[{\"type\":\"video\",\"clips\":[{\"start\":0,\"duration\":1,\"color\":\"red\"}]}]}}}|input.timeline.tracks[0].clips[0].color|#rgb",
        "{\"type\":\"render\",\"input\":{" + TIMELINE
            + ",\"tracks\":[{\"type\":\"audio\",\"clips\":[{\"start\":0,\"duration\":1,\"sourceUrl\":\"http://192.168.0.1/a.wav\"}]}]}}}|input.timeline.tracks[0].clips[0].sourceUrl|not a public address",
        "{\"type\":\"render\",\"input\":{" + TIMELINE
            + ",\"tracks\":[{\"type\":\"text\",\"clips\":[{\"start\":0,\"duration\":1,\"text\":\"x\",\"uploadId\":\"upl_1\"}]}]}}}|input.timeline.tracks[0].clips[0].uploadId|not used by a text clip",
        "{\"type\":\"render\",\"input\":{" + TIMELINE
            + "},\"publishTo\":[{\"platform\":\"tiktok\",\"url\":\"https://e.com\"}]}}|input.publishTo[0].platform|must be webhook",
        "{\"type\":\"render\",\"input\":{" + TIMELINE
            + "},\"publishTo\":[{\"platform\":\"webhook\"}]}}|input.publishTo[0].url|is required",
        "{\"type\":\"render\",\"input\":{" + TIMELINE
            + "},\"publishTo\":[{\"platform\":\"webhook\",\"url\":\"https://e.com\",\"at\":\"soon\"}]}}|input.publishTo[0].at|must be an RFC 3339 date-time",
        "{\"type\":\"render\",\"input\":{" + TIMELINE
            + "},\"publishTo\":{}}}|input.publishTo|must be an array"
      })
  void eachMistakeIsA422NamingItsField(String body, String field, String message) throws Exception {
    refused(body, field, message);
  }

  @Test
  void tooManyDifferentSourcesAreRefusedOnTheTracks() throws Exception {
    StringBuilder clips = new StringBuilder("{\"start\":0,\"duration\":1,\"uploadId\":\"upl_1\"}");
    for (int i = 0; i < 16; i++) {
      clips.append(",{\"start\":0,\"duration\":1,\"sourceUrl\":\"https://e.com/" + i + ".png\"}");
    }
    refused(
        "{\"type\":\"render\",\"input\":{" + TIMELINE + ",\"tracks\":[{\"type\":\"image\","
            + "\"clips\":[" + clips + "]}]}}}",
        "input.timeline.tracks",
        "must use at most 16 different sources (sourceUrls and uploadIds)");
  }

  @Test
  void anotherUsersGenerationIsNotFound() throws Exception {
    given(generations.owned(ME, "gen_theirs")).willThrow(ApiException.notFound("Generation x"));

    mvc.perform(get("/v1/generations/gen_theirs").header("Authorization", USER))
        .andExpect(status().isNotFound())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("NOT_FOUND"));
  }

  @Test
  void aListWithABadLimitOrStatusIsRefusedNamingTheParameter() throws Exception {
    mvc.perform(get("/v1/generations?limit=0").header("Authorization", USER))
        .andExpect(status().is4xxClientError())
        .andExpect(jsonPath("$.errors[0].field").value("limit"));
    mvc.perform(get("/v1/generations?status=done").header("Authorization", USER))
        .andExpect(status().is4xxClientError())
        .andExpect(jsonPath("$.errors[0].field").value("status"));
    verifyNoInteractions(generations);
  }

  @Test
  void cancelingAnEndedGenerationIsAConflict() throws Exception {
    given(endings.cancel(ME, "gen_1"))
        .willThrow(new ApiException(HttpStatus.CONFLICT, "NOT_CANCELABLE", "ended"));

    mvc.perform(post("/v1/generations/gen_1/cancel").header("Authorization", USER))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("NOT_CANCELABLE"));
  }

  @Test
  void withoutAKeyItIsUnauthorized() throws Exception {
    mvc.perform(get("/v1/generations"))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.code").value("UNAUTHORIZED"));
  }
}
