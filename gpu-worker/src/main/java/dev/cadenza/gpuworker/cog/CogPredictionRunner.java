package dev.cadenza.gpuworker.cog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Struct;
import dev.cadenza.gpuworker.media.MediaFacts;
import dev.cadenza.gpuworker.remote.ModelHttp;
import dev.cadenza.gpuworker.remote.StructJson;
import dev.cadenza.gpuworker.runner.ModelFailureException;
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
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A media model served by <a href="https://cog.run">Cog</a>'s HTTP API. Each job is one
 * synchronous prediction, {@code POST {baseUrl}/predictions} with {@code {"input": {...}, "id":
 * "<job id>"}}; the answer's {@code output} (a data URI or an http(s) URL, or a list whose first
 * element is one) becomes the job's single output file, checked against its content type and
 * described in the metadata (see {@link MediaFacts}).
 *
 * <ul>
 *   <li><b>Input</b>: the job's input fields as JSON by default (whole numbers as integers);
 *       {@link Builder#inputMapping} renames or converts them for a model with other inputs.
 *   <li><b>Busy server</b>: Cog runs one prediction at a time and answers {@code 409} to more;
 *       the runner waits (backing off up to 2 s) until the server is free or the job's timeout
 *       ends, so a busy server delays a job rather than failing it. Give the model as many
 *       slots as the server has ({@code GPU_WORKER_SLOTS=audio=1}).
 *   <li><b>Cancel</b>: when the job is canceled, the runner asks {@code POST
 *       /predictions/{id}/cancel} (best effort: Cog honours it for predictions it can cancel),
 *       drops the connection and stops.
 *   <li><b>Failures</b>: {@code 400}/{@code 422} (input refused) are {@code INVALID_INPUT}, not
 *       retryable; {@code status: failed}, 5xx, 429, timeouts and I/O faults are retryable
 *       {@code MODEL_ERROR}s; a missing endpoint (404/405), an output that is not a file of the
 *       expected type, or one over the size limit are {@code MODEL_ERROR}s that are not
 *       retryable (the same request would get the same answer).
 * </ul>
 */
public final class CogPredictionRunner implements ModelRunner {

  /** Turns a job's input into a Cog prediction's {@code input} object. */
  @FunctionalInterface
  public interface InputMapping {
    ObjectNode toCogInput(Struct input);

    /** The job's input fields, as they are. */
    static InputMapping passThrough() {
      return StructJson::toJson;
    }
  }

  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
  public static final Duration DEFAULT_DOWNLOAD_TIMEOUT = Duration.ofMinutes(2);
  public static final long DEFAULT_MAX_OUTPUT_BYTES = 100L << 20;

  private static final Logger log = LoggerFactory.getLogger(CogPredictionRunner.class);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration CANCEL_TIMEOUT = Duration.ofSeconds(5);
  private static final long FIRST_BACKOFF_MILLIS = 250;
  private static final long MAX_BACKOFF_MILLIS = 2000;

  private final String model;
  private final URI baseUrl;
  private final String outputName;
  private final String contentType;
  private final InputMapping inputMapping;
  private final Consumer<Struct> validator;
  private final Duration timeout;
  private final Duration downloadTimeout;
  private final long maxOutputBytes;
  private final String server;
  private final HttpClient http;

  private CogPredictionRunner(Builder builder) {
    this.model = builder.model;
    this.baseUrl = builder.baseUrl;
    this.outputName = builder.outputName;
    this.contentType = builder.contentType;
    this.inputMapping = builder.inputMapping;
    this.validator = builder.validator;
    this.timeout = builder.timeout;
    this.downloadTimeout = builder.downloadTimeout;
    this.maxOutputBytes = builder.maxOutputBytes;
    this.server = "Cog server " + baseUrl;
    this.http = ModelHttp.newClient(CONNECT_TIMEOUT);
  }

  /**
   * A runner for Cadenza model {@code model} on the Cog server at {@code baseUrl}, emitting its
   * output as {@code outputName} with {@code contentType} (e.g. {@code audio.wav}, {@code
   * audio/wav}).
   */
  public static Builder builder(String model, URI baseUrl, String outputName, String contentType) {
    return new Builder(model, baseUrl, outputName, contentType);
  }

  @Override
  public String model() {
    return model;
  }

  @Override
  public void validate(Struct input) {
    validator.accept(input);
  }

  public URI baseUrl() {
    return baseUrl;
  }

  @Override
  public RunResult run(Struct input, RunContext ctx) {
    validate(input);
    ObjectNode request = ModelHttp.JSON.createObjectNode();
    request.set("input", inputMapping.toCogInput(input));
    request.put("id", ctx.jobId());
    Instant deadline = Instant.now().plus(timeout);

    ctx.progress("predict", 0);
    JsonNode prediction = predict(request, ctx, deadline);
    log.info(
        "job {} predicted by {} in {} s",
        ctx.jobId(),
        server,
        prediction.path("metrics").path("predict_time").asText("?"));
    byte[] bytes = new CogOutput(http, baseUrl, maxOutputBytes, downloadTimeout, server)
        .fetch(prediction.path("output"), ctx);
    Map<String, String> metadata = MediaFacts.of(contentType, bytes)
        .orElseThrow(() -> new ModelFailureException(
            ModelFailureException.MODEL_ERROR,
            server + " returned " + MediaFacts.sniff(bytes) + ", expected " + contentType + " for "
                + outputName,
            false));
    ctx.progress("predict", 100);
    ctx.emitOutput(outputName, contentType, bytes);
    return RunResult.media(metadata);
  }

  /** The finished prediction (status succeeded), waiting while the server is busy. */
  private JsonNode predict(ObjectNode body, RunContext ctx, Instant deadline) {
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(ModelHttp.endpoint(baseUrl, "predictions"))
          .header("Content-Type", "application/json")
          .header("Accept", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(ModelHttp.JSON.writeValueAsBytes(body)))
          .build();
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the prediction request", e);
    }
    // A data URI is base64 (4/3 of the file) inside JSON.
    long maxAnswerBytes = maxOutputBytes / 3 * 4 + (1 << 20);
    long backoff = FIRST_BACKOFF_MILLIS;
    while (true) {
      HttpResponse<byte[]> response = ModelHttp.exchange(
          http, request, maxAnswerBytes, ctx, deadline, server, () -> requestCancel(ctx.jobId()));
      int status = response.statusCode();
      if (status == 409) {
        // Busy with another prediction (one of ours that was canceled, or someone else's).
        log.debug("job {}: {} is busy, retrying in {} ms", ctx.jobId(), server, backoff);
        if (!Instant.now().plusMillis(backoff).isBefore(deadline)) {
          throw new ModelFailureException(
              ModelFailureException.MODEL_ERROR,
              server + " stayed busy with another prediction (HTTP 409)",
              true);
        }
        ModelHttp.pause(backoff, ctx, deadline);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        continue;
      }
      if (!ModelHttp.isSuccess(status)) {
        throw statusFailure(status, response.body());
      }
      return finished(readJson(response.body()), ctx);
    }
  }

  private JsonNode finished(JsonNode prediction, RunContext ctx) {
    String status = prediction.path("status").asText("");
    switch (status) {
      case "succeeded" -> {
        return prediction;
      }
      case "failed" -> {
        String logs = prediction.path("logs").asText("");
        if (!logs.isBlank()) {
          log.warn(
              "job {}: prediction failed on {}; logs:\n{}", ctx.jobId(), server, tail(logs, 2000));
        }
        throw new ModelFailureException(
            ModelFailureException.MODEL_ERROR,
            "prediction failed on " + server + ": "
                + ModelHttp.shorten(prediction.path("error").asText("no error message")),
            true);
      }
      case "canceled" -> {
        ctx.checkCanceled();
        throw new ModelFailureException(
            ModelFailureException.MODEL_ERROR, "the prediction was canceled on " + server, true);
      }
      default ->
        throw new ModelFailureException(
            ModelFailureException.MODEL_ERROR,
            server + " answered with prediction status \"" + status
                + "\" instead of a finished prediction",
            true);
    }
  }

  private ModelFailureException statusFailure(int status, byte[] body) {
    String detail = ModelHttp.errorText(body);
    if (status == 400 || status == 422) {
      return ModelFailureException.invalidInput(
          server + " refused the input (HTTP " + status + "): " + detail);
    }
    if (status == 404 || status == 405) {
      return new ModelFailureException(
          ModelFailureException.MODEL_ERROR,
          "no Cog predictions endpoint at " + baseUrl + " (HTTP " + status + ")",
          false);
    }
    boolean retryable = status >= 500 || status == 408 || status == 429;
    return new ModelFailureException(
        ModelFailureException.MODEL_ERROR,
        server + " answered HTTP " + status + ": " + detail,
        retryable);
  }

  private JsonNode readJson(byte[] body) {
    try {
      JsonNode json = ModelHttp.JSON.readTree(body);
      if (json != null && json.isObject()) {
        return json;
      }
    } catch (IOException e) {
      // fall through
    }
    throw new ModelFailureException(
        ModelFailureException.MODEL_ERROR,
        server + " sent an answer that is not a prediction: " + ModelHttp.errorText(body),
        true);
  }

  /** Asks the server to stop the job's prediction; does not wait for the answer. */
  private void requestCancel(String jobId) {
    HttpRequest cancel = HttpRequest.newBuilder(
            ModelHttp.endpoint(baseUrl, "predictions/" + ModelHttp.pathSegment(jobId) + "/cancel"))
        .timeout(CANCEL_TIMEOUT)
        .POST(HttpRequest.BodyPublishers.noBody())
        .build();
    http.sendAsync(cancel, HttpResponse.BodyHandlers.discarding())
        .whenComplete((response, error) -> {
          if (error != null) {
            log.warn("job {}: cancel request to {} failed: {}", jobId, server, error.toString());
          } else {
            log.info(
                "job {}: {} answered the cancel request with HTTP {}",
                jobId,
                server,
                response.statusCode());
          }
        });
  }

  private static String tail(String text, int max) {
    return text.length() <= max ? text : "..." + text.substring(text.length() - max);
  }

  /** Settings of a {@link CogPredictionRunner}; see {@link #builder}. */
  public static final class Builder {
    private final String model;
    private final URI baseUrl;
    private final String outputName;
    private final String contentType;
    private InputMapping inputMapping = InputMapping.passThrough();
    private Consumer<Struct> validator = input -> {};
    private Duration timeout = DEFAULT_TIMEOUT;
    private Duration downloadTimeout = DEFAULT_DOWNLOAD_TIMEOUT;
    private long maxOutputBytes = DEFAULT_MAX_OUTPUT_BYTES;

    private Builder(String model, URI baseUrl, String outputName, String contentType) {
      this.model = Objects.requireNonNull(model, "model");
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      this.outputName = Objects.requireNonNull(outputName, "outputName");
      this.contentType = Objects.requireNonNull(contentType, "contentType");
      if (!baseUrl.isAbsolute()
          || !(baseUrl.getScheme().equals("http") || baseUrl.getScheme().equals("https"))) {
        throw new IllegalArgumentException("baseUrl must be an http(s) URL, was " + baseUrl);
      }
    }

    /** How the job's input becomes the prediction's input (default: passed through). */
    public Builder inputMapping(InputMapping inputMapping) {
      this.inputMapping = Objects.requireNonNull(inputMapping);
      return this;
    }

    /**
     * Checks a job's input before it is queued (throwing {@code INVALID_INPUT}); default
     * accepts everything and leaves checking to the server.
     */
    public Builder validator(Consumer<Struct> validator) {
      this.validator = Objects.requireNonNull(validator);
      return this;
    }

    /** Longest wait for a prediction, busy time included (default 10 minutes). */
    public Builder timeout(Duration timeout) {
      this.timeout = positive(timeout, "timeout");
      return this;
    }

    /** Longest download of an output given as a URL (default 2 minutes). */
    public Builder downloadTimeout(Duration downloadTimeout) {
      this.downloadTimeout = positive(downloadTimeout, "downloadTimeout");
      return this;
    }

    /** Largest output file accepted (default 100 MiB). */
    public Builder maxOutputBytes(long maxOutputBytes) {
      if (maxOutputBytes <= 0) {
        throw new IllegalArgumentException("maxOutputBytes must be > 0");
      }
      this.maxOutputBytes = maxOutputBytes;
      return this;
    }

    public CogPredictionRunner build() {
      return new CogPredictionRunner(this);
    }

    private static Duration positive(Duration duration, String name) {
      if (duration == null || !duration.isPositive()) {
        throw new IllegalArgumentException(name + " must be > 0");
      }
      return duration;
    }
  }
}
