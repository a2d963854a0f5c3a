package dev.cadenza.gpuworker.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadenza.gpuworker.runner.JobCanceledException;
import dev.cadenza.gpuworker.runner.ModelFailureException;
import dev.cadenza.gpuworker.runner.RunContext;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP calls of the model server adapters: one exchange at a time, bounded in time and size,
 * abandoned as soon as the job is canceled. Transport faults become retryable {@code
 * MODEL_ERROR}s; what a status code means is up to the caller.
 */
public final class ModelHttp {

  /** Shared, thread-safe JSON mapper. */
  public static final ObjectMapper JSON = new ObjectMapper();

  /** How often a waiting call looks at the job's cancellation flag. */
  private static final long POLL_MILLIS = 20;

  private static final int MAX_ERROR_TEXT = 300;

  private ModelHttp() {}

  /**
   * A client for one model server. HTTP/1.1 only: model servers on plain http (vLLM, Ollama,
   * Cog's uvicorn) gain nothing from an h2c upgrade attempt, and some mishandle it.
   */
  public static HttpClient newClient(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  /**
   * Sends {@code request} and waits for the whole response (at most {@code maxBytes} of body)
   * until {@code deadline}, checking the job's cancellation flag every few milliseconds.
   *
   * @param what names the server in failure messages, e.g. "Cog server http://gpu:5000"
   * @param onCancel runs (once) when the job is canceled while waiting, before the exchange is
   *     aborted; for a best-effort cancel request to the server
   * @throws JobCanceledException when the job was canceled
   * @throws ModelFailureException {@code MODEL_ERROR}: retryable for timeouts and I/O faults,
   *     not retryable for a body over the limit
   */
  public static HttpResponse<byte[]> exchange(
      HttpClient client,
      HttpRequest request,
      long maxBytes,
      RunContext ctx,
      Instant deadline,
      String what,
      Runnable onCancel) {
    ctx.checkCanceled();
    CompletableFuture<HttpResponse<byte[]>> call =
        client.sendAsync(request, LimitedBody.handler(maxBytes));
    try {
      while (true) {
        if (ctx.isCanceled()) {
          try {
            onCancel.run();
          } finally {
            call.cancel(true);
          }
          ctx.checkCanceled();
        }
        long leftMillis = Duration.between(Instant.now(), deadline).toMillis();
        if (leftMillis <= 0) {
          call.cancel(true);
          throw new ModelFailureException(
              ModelFailureException.MODEL_ERROR, what + " did not answer in time", true);
        }
        try {
          return call.get(Math.min(leftMillis, POLL_MILLIS), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillWaiting) {
          // Look at the cancellation flag and the deadline again.
        }
      }
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      throw new JobCanceledException(ctx.jobId());
    } catch (ExecutionException e) {
      throw transportFailure(what, e.getCause());
    }
  }

  private static ModelFailureException transportFailure(String what, Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof LimitedBody.TooLargeException tooLarge) {
        // The same request would get the same oversized answer.
        return new ModelFailureException(
            ModelFailureException.MODEL_ERROR,
            what + " sent more than " + tooLarge.limit() + " bytes",
            false);
      }
      if (cause instanceof HttpTimeoutException) {
        return new ModelFailureException(
            ModelFailureException.MODEL_ERROR, what + " timed out: " + cause.getMessage(), true);
      }
      if (cause instanceof ConnectException) {
        return new ModelFailureException(
            ModelFailureException.MODEL_ERROR, "cannot connect to " + what, true);
      }
    }
    return new ModelFailureException(
        ModelFailureException.MODEL_ERROR, "request to " + what + " failed: " + error, true);
  }

  /**
   * {@code path} under {@code base}, keeping the base's own path: {@code http://h:11434/v1} and
   * {@code chat/completions} give {@code http://h:11434/v1/chat/completions}.
   */
  public static URI endpoint(URI base, String path) {
    String root = base.toString();
    return URI.create(root.endsWith("/") ? root + path : root + "/" + path);
  }

  /** {@code text} as one path segment ({@code %20} for spaces, unlike form encoding). */
  public static String pathSegment(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * Waits {@code millis} (less when the deadline comes first), in short steps so that a
   * canceled job stops waiting at once.
   */
  public static void pause(long millis, RunContext ctx, Instant deadline) {
    Instant until = Instant.now().plusMillis(millis);
    if (until.isAfter(deadline)) {
      until = deadline;
    }
    try {
      for (Instant now = Instant.now(); now.isBefore(until); now = Instant.now()) {
        ctx.checkCanceled();
        Thread.sleep(Math.min(POLL_MILLIS, Duration.between(now, until).toMillis() + 1));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JobCanceledException(ctx.jobId());
    }
    ctx.checkCanceled();
  }

  /** True for 2xx. */
  public static boolean isSuccess(int status) {
    return status >= 200 && status < 300;
  }

  /**
   * The error message in a JSON error body, as OpenAI-compatible servers ({@code
   * error.message}), FastAPI/Cog ({@code detail}, a string or a list of {@code msg}s) and
   * others ({@code error}, {@code message}) send it; else the body as text. Shortened to one
   * line of at most 300 characters, for failure messages.
   */
  public static String errorText(byte[] body) {
    String text;
    try {
      text = errorText(JSON.readTree(body));
    } catch (IOException | RuntimeException e) {
      text = null;
    }
    if (text == null || text.isBlank()) {
      text = new String(body, StandardCharsets.UTF_8);
    }
    return shorten(text);
  }

  private static String errorText(JsonNode json) {
    if (json == null) {
      return null;
    }
    JsonNode error = json.path("error");
    if (error.isObject() && error.path("message").isTextual()) {
      return error.path("message").asText();
    }
    if (error.isTextual()) {
      return error.asText();
    }
    JsonNode detail = json.path("detail");
    if (detail.isTextual()) {
      return detail.asText();
    }
    if (detail.isArray()) {
      List<String> messages = new ArrayList<>();
      for (JsonNode item : detail) {
        String field = item.path("loc").isArray() ? lastLocation(item.path("loc")) : "";
        String message = item.path("msg").asText(item.toString());
        messages.add(field.isEmpty() ? message : field + ": " + message);
      }
      return String.join("; ", messages);
    }
    return json.path("message").isTextual() ? json.path("message").asText() : null;
  }

  private static String lastLocation(JsonNode loc) {
    return loc.isEmpty() ? "" : loc.get(loc.size() - 1).asText();
  }

  /** One line, at most 300 characters. */
  public static String shorten(String text) {
    String line = text == null ? "" : text.strip().replaceAll("\\s+", " ");
    return line.length() <= MAX_ERROR_TEXT ? line : line.substring(0, MAX_ERROR_TEXT - 3) + "...";
  }
}
