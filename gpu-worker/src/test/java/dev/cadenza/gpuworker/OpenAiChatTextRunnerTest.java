package dev.cadenza.gpuworker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Struct;
import dev.cadenza.gpuworker.runner.JobCanceledException;
import dev.cadenza.gpuworker.runner.ModelFailureException;
import dev.cadenza.gpuworker.runner.RunResult;
import dev.cadenza.gpuworker.text.OpenAiChatTextRunner;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible text runner against a local server speaking Chat Completions. */
class OpenAiChatTextRunnerTest {

  static final String CHAT = "POST /v1/chat/completions";
  private static final String DESCRIPTION = "a lo-fi song about rain in the city at night";

  private final FakeModelServer server = new FakeModelServer();
  private final OpenAiChatTextRunner runner =
      new OpenAiChatTextRunner(server.url("/v1"), "sk-test", "llama-test", Duration.ofSeconds(5));

  @AfterEach
  void stop() {
    server.close();
  }

  /** A Chat Completions answer with one choice. */
  static FakeModelServer.Response answer(String content, String finishReason) {
    ObjectNode body = FakeModelServer.JSON.createObjectNode();
    body.put("id", "chatcmpl-1").put("object", "chat.completion").put("model", "llama-test");
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0).put("finish_reason", finishReason);
    choice.putObject("message").put("role", "assistant").put("content", content);
    return FakeModelServer.json(200, body);
  }

  private String ask(String content, Object... input) {
    server.route(CHAT, request -> answer(content, "stop"));
    RecordingContext ctx = new RecordingContext("job-1");
    RunResult result = runner.run(Jobs.struct(input), ctx);
    assertThat(ctx.progress).containsExactly("generate:0", "generate:100");
    assertThat(result.metadata()).isEmpty();
    return result.text();
  }

  private ModelFailureException failure(FakeModelServer.Handler handler) {
    server.route(CHAT, handler);
    return catchThrowableOfType(
        ModelFailureException.class,
        () -> runner.run(
            Jobs.struct("task", "title", "description", DESCRIPTION),
            new RecordingContext("job-f")));
  }

  @Test
  void promptTaskSendsModelMessagesSeedAndKey() {
    String prompt = ask(
        "lo-fi, melancholic, piano, 76 bpm, A minor",
        "task",
        "prompt",
        "description",
        DESCRIPTION,
        "seed",
        "12345");

    assertThat(prompt).isEqualTo("lo-fi, melancholic, piano, 76 bpm, A minor");
    FakeModelServer.Request request = server.requests(CHAT).get(0);
    assertThat(request.header("Authorization")).isEqualTo("Bearer sk-test");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    JsonNode body = request.json();
    assertThat(body.path("model").asText()).isEqualTo("llama-test");
    assertThat(body.path("messages")).hasSize(2);
    assertThat(body.path("messages").path(0).path("role").asText()).isEqualTo("system");
    assertThat(body.path("messages").path(0).path("content").asText()).contains("bpm");
    assertThat(body.path("messages").path(1).path("role").asText()).isEqualTo("user");
    assertThat(body.path("messages").path(1).path("content").asText()).contains(DESCRIPTION);
    assertThat(body.path("seed").asLong()).isEqualTo(12345);
    assertThat(body.path("temperature").isNumber()).isTrue();
    assertThat(body.path("max_tokens").asInt()).isPositive();
  }

  @Test
  void lyricsComeBackWithoutTheirCodeFence() {
    String lyrics = ask(
        "```\n[Verse]\nRain on the glass\n[Chorus]\nStay tonight\n```",
        "task",
        "lyrics",
        "lyricsDescription",
        DESCRIPTION,
        "prompt",
        "lo-fi, 76 bpm");

    assertThat(lyrics).isEqualTo("[Verse]\nRain on the glass\n[Chorus]\nStay tonight");
    String user = server
        .requests(CHAT)
        .get(0)
        .json()
        .path("messages")
        .path(1)
        .path("content")
        .asText();
    assertThat(user).contains(DESCRIPTION, "lo-fi, 76 bpm");
  }

  @Test
  void titleIsTheFirstLineWithoutLabelOrQuotes() {
    assertThat(ask(
            "Title: \"Rain on Glass\".\n\nThis title evokes...",
            "task",
            "title",
            "description",
            DESCRIPTION))
        .isEqualTo("Rain on Glass");
  }

  @Test
  void categoriesAreParsedFromAFencedJsonArray() {
    String categories = ask(
        "```json\n[\"Lo-Fi\", \"chill\", \"ambient\", \"chill\"]\n```",
        "task",
        "categories",
        "prompt",
        "lo-fi, chill, ambient, piano, 72 bpm");

    assertThat(categories).isEqualTo("[\"lo-fi\",\"chill\",\"ambient\"]");
    String system = server
        .requests(CHAT)
        .get(0)
        .json()
        .path("messages")
        .path(0)
        .path("content")
        .asText();
    assertThat(system).contains("JSON array of 1-4 lowercase genre or mood words");
  }

  @Test
  void categoriesFallBackToCommaSeparatedWords() {
    assertThat(ask(
            "Synthwave, Dreamy, Retro, 80s, neon",
            "task",
            "categories",
            "description",
            "a dreamy synthwave drive"))
        .isEqualTo("[\"synthwave\",\"dreamy\",\"retro\",\"80s\"]");
  }

  @Test
  void noKeyMeansNoAuthorizationHeader() {
    OpenAiChatTextRunner keyless =
        new OpenAiChatTextRunner(server.url("/v1/"), " ", "llama-test", Duration.ofSeconds(5));
    server.route(CHAT, request -> answer("Rain Song", "stop"));

    keyless.run(Jobs.struct("task", "title"), new RecordingContext("job-k"));

    assertThat(server.requests(CHAT).get(0).header("Authorization")).isNull();
  }

  @Test
  void rateLimitIsARetryableModelError() {
    ModelFailureException e = failure(r -> FakeModelServer.json(
        429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}"));

    assertThat(e.code()).isEqualTo("MODEL_ERROR");
    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage()).contains("429", "Rate limit reached");
  }

  @Test
  void serverErrorsAreRetryable() {
    ModelFailureException e = failure(r -> FakeModelServer.json(503, "{\"detail\":\"loading\"}"));

    assertThat(e.code()).isEqualTo("MODEL_ERROR");
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void rejectedKeyIsNotRetryableAndSaysSo() {
    ModelFailureException e = failure(r -> FakeModelServer.json(
        401,
        "{\"error\":{\"message\":\"Incorrect API key provided\",\"code\":\"invalid_api_key\"}}"));

    assertThat(e.code()).isEqualTo("MODEL_ERROR");
    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("API key", "OPENAI_API_KEY", "401");
  }

  @Test
  void badRequestIsInvalidInput() {
    ModelFailureException e = failure(
        r -> FakeModelServer.json(
            400,
            "{\"error\":{\"message\":\"max_tokens is too large\",\"type\":\"invalid_request_error\"}}"));

    assertThat(e.code()).isEqualTo("INVALID_INPUT");
    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("max_tokens is too large");
  }

  @Test
  void contentFilterIsARefusal() {
    ModelFailureException e = failure(r -> answer(null, "content_filter"));

    assertThat(e.code()).isEqualTo("CONTENT_REFUSED");
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void anEmptyAnswerIsARetryableModelError() {
    ModelFailureException e = failure(r -> answer("  ", "stop"));

    assertThat(e.code()).isEqualTo("MODEL_ERROR");
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void aSlowServerTimesOutRetryably() {
    OpenAiChatTextRunner impatient =
        new OpenAiChatTextRunner(server.url("/v1"), null, "m", Duration.ofMillis(300));
    server.route(CHAT, r -> FakeModelServer.TRICKLE);

    long start = System.nanoTime();
    ModelFailureException e = catchThrowableOfType(
        ModelFailureException.class,
        () -> impatient.run(Jobs.struct("task", "title"), new RecordingContext("job-t")));

    assertThat(e.code()).isEqualTo("MODEL_ERROR");
    assertThat(e.retryable()).isTrue();
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3000);
  }

  @Test
  void anUnreachableServerIsRetryable() {
    FakeModelServer gone = new FakeModelServer();
    gone.close();
    OpenAiChatTextRunner lost =
        new OpenAiChatTextRunner(gone.url("/v1"), null, "m", Duration.ofSeconds(2));

    ModelFailureException e = catchThrowableOfType(
        ModelFailureException.class,
        () -> lost.run(Jobs.struct("task", "title"), new RecordingContext("job-u")));

    assertThat(e.code()).isEqualTo("MODEL_ERROR");
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void invalidTasksFailBeforeAnyRequest() {
    assertThatThrownBy(() -> runner.validate(Jobs.struct("task", "poem")))
        .isInstanceOf(ModelFailureException.class)
        .hasMessageContaining("task must be one of");
    assertThatThrownBy(() -> runner.validate(Struct.getDefaultInstance()))
        .isInstanceOf(ModelFailureException.class);
    assertThat(server.requests).isEmpty();
  }

  @Test
  void cancelingDropsTheConnectionAtOnce() throws Exception {
    server.route(CHAT, r -> FakeModelServer.TRICKLE);
    RecordingContext ctx = new RecordingContext("job-c");
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      try {
        runner.run(Jobs.struct("task", "title"), ctx);
        outcome.complete(null);
      } catch (Throwable t) {
        outcome.complete(t);
      }
    });
    while (server.requests(CHAT).isEmpty()) {
      Thread.sleep(5);
    }

    long canceledAt = System.nanoTime();
    ctx.cancel();
    Throwable thrown = outcome.get(2, TimeUnit.SECONDS);

    assertThat(thrown).isInstanceOf(JobCanceledException.class);
    assertThat((System.nanoTime() - canceledAt) / 1_000_000).isLessThan(500);
    assertThat(server.clientGone.await(10, TimeUnit.SECONDS))
        .as("connection dropped")
        .isTrue();
  }
}
