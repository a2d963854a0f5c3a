package dev.cadenza.api.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** A plain HTTP client for the tests, as an app would use the API. */
final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  ApiClient(int port) {
    this.base = "http://localhost:" + port;
  }

  record Response(int status, String contentType, JsonNode body, byte[] bytes) {}

  Response get(String path, String key) {
    return send(request(path, key).GET());
  }

  Response post(String path, String key, String json) {
    return post(path, key, json, Map.of());
  }

  Response post(String path, String key, String json, Map<String, String> headers) {
    HttpRequest.Builder request = request(path, key)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    headers.forEach(request::header);
    return send(request);
  }

  Response put(String path, String key, String json) {
    return send(request(path, key)
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** Sends {@code bytes} to a presigned upload URL, as the upload's answer says: no API key. */
  Response putBytes(String url, String contentType, byte[] bytes) {
    return send(HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(20))
        .header("Content-Type", contentType)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
  }

  Response delete(String path, String key) {
    return send(request(path, key).DELETE());
  }

  /** A new user with {@code credits}, made with the admin key; returns the user's API key. */
  String signUp(long credits) {
    String email = "user-" + UUID.randomUUID() + "@example.com";
    Response created = post(
        "/v1/admin/users",
        EmbeddedStackTest.ADMIN,
        "{\"email\":\"" + email + "\",\"name\":\"Test\",\"credits\":" + credits + "}");
    if (created.status() != 201) {
      throw new IllegalStateException("sign-up answered " + created.status());
    }
    return created.body().path("apiKey").asText();
  }

  Response download(String url) {
    return send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET());
  }

  /** A GET of {@code url} with extra headers (name, value, name, value, ...) and no key. */
  Response download(String url, String... headers) {
    return send(HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(20))
        .headers(headers)
        .GET());
  }

  private HttpRequest.Builder request(String path, String key) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
    return key == null ? builder : builder.header("Authorization", "Bearer " + key);
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      String type = response.headers().firstValue("Content-Type").orElse("");
      JsonNode body = type.contains("json") && response.body().length > 0
          ? JSON.readTree(response.body())
          : null;
      return new Response(response.statusCode(), type, body, response.body());
    } catch (IOException e) {
      throw new IllegalStateException(request.build().uri() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
