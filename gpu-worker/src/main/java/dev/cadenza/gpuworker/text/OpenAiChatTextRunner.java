package dev.cadenza.gpuworker.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Struct;
import dev.cadenza.gpuworker.remote.ModelHttp;
import dev.cadenza.gpuworker.runner.ModelFailureException;
import dev.cadenza.gpuworker.runner.ModelInput;
import dev.cadenza.gpuworker.runner.ModelRunner;
import dev.cadenza.gpuworker.runner.RunContext;
import dev.cadenza.gpuworker.runner.RunResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Model {@code "text"} answered by an OpenAI-compatible Chat Completions endpoint ({@code POST
 * {baseUrl}/chat/completions}), as served by vLLM, Ollama ({@code http://host:11434/v1}),
 * llama.cpp's server and OpenAI. Same input fields, validation and result format as the
 * built-in {@link TextRunner}: each task gets a system prompt asking for exactly that format, and
 * the answer is cleaned up and checked ({@link ChatAnswers}).
 *
 * <p>The request carries the job's {@code seed} (as a non-negative 31-bit number, which every
 * server accepts), so servers that honour seeds answer the same request the same way; unlike
 * the built-in runner, that is best effort.
 *
 * <p>Failures: HTTP 400/422 are {@code INVALID_INPUT} (400 with a content-filter error code is
 * {@code CONTENT_REFUSED}); 401/403 and 404 are configuration errors, {@code MODEL_ERROR} not
 * retryable; 408, 429, 5xx, timeouts and I/O faults are retryable {@code MODEL_ERROR}s; an
 * answer with {@code finish_reason: content_filter} or a {@code refusal} is {@code
 * CONTENT_REFUSED}. A canceled job drops its connection at once (vLLM and Ollama then stop
 * generating).
 */
public final class OpenAiChatTextRunner implements ModelRunner {

  private static final Logger log = LoggerFactory.getLogger(OpenAiChatTextRunner.class);
  private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final long MAX_ANSWER_BYTES = 4L << 20;

  private final URI baseUrl;
  private final URI endpoint;
  private final String apiKey;
  private final String model;
  private final Duration timeout;
  private final String server;
  private final HttpClient http;

  /**
   * @param baseUrl the API root, e.g. {@code http://localhost:11434/v1} or {@code
   *     https://api.openai.com/v1}
   * @param apiKey sent as a bearer token; null or blank sends none (local servers)
   * @param model the server's model name, e.g. {@code llama3.1:8b}
   * @param timeout longest wait for one answer
   */
  public OpenAiChatTextRunner(URI baseUrl, String apiKey, String model, Duration timeout) {
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    this.endpoint = ModelHttp.endpoint(baseUrl, "chat/completions");
    this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    this.model = requireText(model, "model");
    if (timeout == null || !timeout.isPositive()) {
      throw new IllegalArgumentException("timeout must be > 0");
    }
    this.timeout = timeout;
    this.server = "OpenAI-compatible server " + baseUrl;
    Duration connect = timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT;
    this.http = ModelHttp.newClient(connect);
  }

  @Override
  public String model() {
    return "text";
  }

  /** The server's model name. */
  public String serverModel() {
    return model;
  }

  public URI baseUrl() {
    return baseUrl;
  }

  @Override
  public void validate(Struct input) {
    TextRunner.validateTask(ModelInput.of(input));
  }

  @Override
  public RunResult run(Struct input, RunContext ctx) {
    ModelInput in = ModelInput.of(input);
    TextRunner.validateTask(in);
    String task = in.text("task", "");
    ChatPrompt prompt = ChatPrompt.forTask(task, in);
    ctx.progress("generate", 0);
    HttpResponse<byte[]> response = ModelHttp.exchange(
        http,
        request(prompt, in.seed()),
        MAX_ANSWER_BYTES,
        ctx,
        Instant.now().plus(timeout),
        server,
        () -> {});
    if (!ModelHttp.isSuccess(response.statusCode())) {
      throw statusFailure(response.statusCode(), response.body());
    }
    String text = ChatAnswers.parse(task, content(response.body(), ctx.jobId()));
    ctx.progress("generate", 100);
    return RunResult.text(text);
  }

  private HttpRequest request(ChatPrompt prompt, long seed) {
    ObjectNode body = ModelHttp.JSON.createObjectNode();
    body.put("model", model);
    ArrayNode messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", prompt.system());
    messages.addObject().put("role", "user").put("content", prompt.user());
    body.put("temperature", prompt.temperature());
    body.put("seed", seed & 0x7fffffffL);
    body.put("max_tokens", prompt.maxTokens());
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json");
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    try {
      return request
          .POST(HttpRequest.BodyPublishers.ofByteArray(ModelHttp.JSON.writeValueAsBytes(body)))
          .build();
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the chat request", e);
    }
  }

  /** {@code choices[0].message.content}, after the refusal checks. */
  private String content(byte[] body, String jobId) {
    JsonNode answer;
    try {
      answer = ModelHttp.JSON.readTree(body);
    } catch (IOException e) {
      answer = null;
    }
    JsonNode choice = answer == null ? null : answer.path("choices").path(0);
    if (choice == null || !choice.isObject()) {
      throw new ModelFailureException(
          ModelFailureException.MODEL_ERROR,
          server + " sent an answer without choices: " + ModelHttp.errorText(body),
          true);
    }
    String finishReason = choice.path("finish_reason").asText("");
    JsonNode message = choice.path("message");
    if (finishReason.equals("content_filter")) {
      throw ModelFailureException.contentRefused(
          "the model refused the request (finish_reason content_filter)");
    }
    String refusal = message.path("refusal").asText("");
    if (!refusal.isBlank()) {
      throw ModelFailureException.contentRefused(
          "the model refused the request: " + ModelHttp.shorten(refusal));
    }
    if (finishReason.equals("length")) {
      log.info("job {}: the answer of {} was cut off at max_tokens", jobId, server);
    }
    return message.path("content").asText("");
  }

  private ModelFailureException statusFailure(int status, byte[] body) {
    String detail = ModelHttp.errorText(body);
    String prefix = server + " answered HTTP " + status + ": " + detail;
    return switch (status) {
      case 400, 422 ->
        isContentFilterError(body)
            ? ModelFailureException.contentRefused("the model refused the request: " + detail)
            : ModelFailureException.invalidInput(prefix);
      case 401, 403 ->
        new ModelFailureException(
            ModelFailureException.MODEL_ERROR,
            server + " rejected the API key (HTTP " + status + "): "
                + (apiKey == null ? "it requires one, set OPENAI_API_KEY" : "check OPENAI_API_KEY")
                + " (" + detail + ")",
            false);
      case 404 ->
        new ModelFailureException(
            ModelFailureException.MODEL_ERROR,
            prefix + " (check OPENAI_BASE_URL, which must end at the API root such as /v1,"
                + " and OPENAI_MODEL \"" + model + "\")",
            false);
      case 408, 409, 425, 429 ->
        new ModelFailureException(ModelFailureException.MODEL_ERROR, prefix, true);
      default ->
        new ModelFailureException(ModelFailureException.MODEL_ERROR, prefix, status >= 500);
    };
  }

  /** Azure OpenAI and OpenAI report filtered prompts as a 400 with one of these codes. */
  private static boolean isContentFilterError(byte[] body) {
    try {
      JsonNode error = ModelHttp.JSON.readTree(body).path("error");
      String code = error.path("code").asText("") + " " + error.path("type").asText("");
      return code.contains("content_filter") || code.contains("content_policy_violation");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static String requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value.strip();
  }
}
