package dev.cadenza.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/** The parts of the REST API (../shared/API.md) the bench and the system tests use. */
public final class CadenzaClient implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5))
      .version(HttpClient.Version.HTTP_1_1)
      .executor(Executors.newVirtualThreadPerTaskExecutor())
      .build();

  public CadenzaClient(String baseUrl) {
    this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
  }

  public record User(String id, String apiKey) {}

  /**
   * Creates a user with sign-up credits. {@code maxConcurrent} (per-user concurrency lane) is sent
   * only when set, for servers that know the setting.
   */
  public User createUser(String adminKey, String email, long credits, Integer maxConcurrent) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("email", email);
    body.put("name", "Bench " + email);
    body.put("credits", credits);
    if (maxConcurrent != null) {
      body.put("maxConcurrent", maxConcurrent);
    }
    HttpResponse<String> response = send(post("v1/admin/users", adminKey, body));
    JsonNode user = expect(response, 201);
    return new User(user.path("id").asText(), user.path("apiKey").asText());
  }

  /**
   * One submission, timed from just before the request is sent to the full response.
   *
   * @param status the HTTP status, or 0 when the request failed without an answer
   * @param id the generation id on 201
   * @param errorCode the problem's {@code code} otherwise (or the exception's class)
   */
  public record Submitted(
      int status, String id, String errorCode, long sentNanos, long answeredNanos) {
    public boolean accepted() {
      return status == 201;
    }
  }

  public Submitted submit(String apiKey, String type, Map<String, Object> input) {
    HttpRequest request = post("v1/generations", apiKey, Map.of("type", type, "input", input));
    long sent = System.nanoTime();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      long answered = System.nanoTime();
      JsonNode body = parse(response.body());
      return response.statusCode() == 201
          ? new Submitted(201, body.path("id").asText(), null, sent, answered)
          : new Submitted(
              response.statusCode(),
              null,
              body.path("code").asText("HTTP_" + response.statusCode()),
              sent,
              answered);
    } catch (IOException e) {
      return new Submitted(0, null, e.getClass().getSimpleName(), sent, System.nanoTime());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Submitted(0, null, "INTERRUPTED", sent, System.nanoTime());
    }
  }

  /**
   * One upload made ready as an app does it: {@code POST /v1/uploads}, the bytes sent with the
   * answer's {@code method}, {@code uploadUrl} and {@code headers}, then {@code POST
   * /v1/uploads/{id}/complete}; timed from the first request to the last answer.
   *
   * @param status 200 when it is ready, else the status of the step that failed (0: no answer)
   * @param errorCode the failing step and the problem's {@code code}, e.g. {@code complete
   *     UPLOAD_INVALID}
   */
  public record Uploaded(int status, String id, String errorCode, long startNanos, long endNanos) {
    public boolean ready() {
      return status == 200;
    }
  }

  public Uploaded upload(String apiKey, UploadFile file) {
    long start = System.nanoTime();
    try {
      HttpResponse<String> created = http.send(
          post(
              "v1/uploads",
              apiKey,
              Map.of("contentType", file.contentType(), "sizeBytes", file.bytes().length)),
          HttpResponse.BodyHandlers.ofString());
      JsonNode grant = parse(created.body());
      if (created.statusCode() != 201) {
        return failed(created, "create", grant, start);
      }
      String id = grant.path("id").asText();
      HttpRequest.Builder put = HttpRequest.newBuilder(
              URI.create(grant.path("uploadUrl").asText()))
          .timeout(TIMEOUT)
          .method(
              grant.path("method").asText("PUT"),
              HttpRequest.BodyPublishers.ofByteArray(file.bytes()));
      grant
          .path("headers")
          .properties()
          .forEach(h -> put.header(h.getKey(), h.getValue().asText()));
      HttpResponse<String> sent = http.send(put.build(), HttpResponse.BodyHandlers.ofString());
      if (sent.statusCode() / 100 != 2) {
        return failed(sent, "put", parse(sent.body()), start);
      }
      HttpResponse<String> completed = http.send(
          HttpRequest.newBuilder(base.resolve("v1/uploads/" + id + "/complete"))
              .timeout(TIMEOUT)
              .header("Authorization", "Bearer " + apiKey)
              .POST(HttpRequest.BodyPublishers.noBody())
              .build(),
          HttpResponse.BodyHandlers.ofString());
      if (completed.statusCode() != 200) {
        return failed(completed, "complete", parse(completed.body()), start);
      }
      return new Uploaded(200, id, null, start, System.nanoTime());
    } catch (IOException e) {
      return new Uploaded(0, null, e.getClass().getSimpleName(), start, System.nanoTime());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Uploaded(0, null, "INTERRUPTED", start, System.nanoTime());
    }
  }

  private static Uploaded failed(
      HttpResponse<String> response, String step, JsonNode problem, long start) {
    return new Uploaded(
        response.statusCode(),
        null,
        step + " " + problem.path("code").asText("HTTP_" + response.statusCode()),
        start,
        System.nanoTime());
  }

  /** Cancels a generation; returns the HTTP status (202, or 409 when it had already ended). */
  public int cancel(String apiKey, String id) {
    HttpRequest request = HttpRequest.newBuilder(base.resolve("v1/generations/" + id + "/cancel"))
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + apiKey)
        .POST(HttpRequest.BodyPublishers.noBody())
        .build();
    return send(request).statusCode();
  }

  public JsonNode generation(String apiKey, String id) {
    return expect(send(get("v1/generations/" + id, apiKey)), 200);
  }

  /** {@code GET path} (relative to the base URL) answered 200, as JSON. */
  public JsonNode getJson(String path, String apiKey) {
    return expect(send(get(path, apiKey)), 200);
  }

  /**
   * {@code POST /v1/generations} under an {@code Idempotency-Key}; the raw answer (any status).
   *
   * @throws UncheckedIOException when no answer came (the connection broke or timed out)
   */
  public HttpResponse<String> submitIdempotently(
      String apiKey, String idempotencyKey, String type, Map<String, Object> input) {
    return send(HttpRequest.newBuilder(base.resolve("v1/generations"))
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + apiKey)
        .header("Idempotency-Key", idempotencyKey)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(Map.of("type", type, "input", input))))
        .build());
  }

  /** A body as JSON. */
  public JsonNode parse(HttpResponse<String> response) {
    return parse(response.body());
  }

  private HttpRequest post(String path, String key, Object body) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body)))
        .build();
  }

  private byte[] bytes(Object body) {
    try {
      return json.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpRequest get(String path, String key) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + key)
        .GET()
        .build();
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(request.uri() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private JsonNode expect(HttpResponse<String> response, int status) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          response.request().method() + " " + response.request().uri() + " answered "
              + response.statusCode() + ": " + response.body());
    }
    return parse(response.body());
  }

  private JsonNode parse(String body) {
    try {
      return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
    } catch (IOException e) {
      return json.createObjectNode();
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
