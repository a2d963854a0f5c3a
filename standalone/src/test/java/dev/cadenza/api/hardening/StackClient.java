package dev.cadenza.api.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadenza.api.e2e.EmbeddedStackTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

/**
 * HTTP access to the shared embedded stack of the end-to-end tests, for the hardening tests
 * (which extend {@link EmbeddedStackTest}, so they share its cached context).
 */
final class StackClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(10))
      .version(HttpClient.Version.HTTP_1_1)
      .build();
  private final String base;

  StackClient(int port) {
    this.base = "http://localhost:" + port;
  }

  record Answer(int status, String contentType, JsonNode json, String text) {}

  record SignedUp(String id, String email, String key) {}

  String base() {
    return base;
  }

  HttpClient http() {
    return http;
  }

  Answer get(String path, String key) {
    return send(request(path, key).GET());
  }

  Answer post(String path, String key, String json) {
    return send(request(path, key)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  Answer send(String method, String path, String key) {
    return send(request(path, key).method(method, HttpRequest.BodyPublishers.noBody()));
  }

  SignedUp signUp(long credits) {
    String email = "hardening-" + UUID.randomUUID() + "@example.com";
    Answer created = post(
        "/v1/admin/users",
        EmbeddedStackTest.ADMIN,
        "{\"email\":\"" + email + "\",\"name\":\"Hardening\",\"credits\":" + credits + "}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return new SignedUp(
        created.json().path("id").asText(), email, created.json().path("apiKey").asText());
  }

  private HttpRequest.Builder request(String path, String key) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    return key == null ? builder : builder.header("Authorization", "Bearer " + key);
  }

  Answer send(HttpRequest.Builder request) {
    try {
      return answer(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new IllegalStateException(request.build().uri() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Answer answer(HttpResponse<String> response) {
    String type = response.headers().firstValue("Content-Type").orElse("");
    JsonNode json = null;
    if (type.contains("json") && !response.body().isEmpty()) {
      try {
        json = JSON.readTree(response.body());
      } catch (IOException e) {
        json = null;
      }
    }
    return new Answer(response.statusCode(), type, json, response.body());
  }

  /**
   * Sends bytes as they are over a socket (for requests an HTTP client refuses to make) and
   * reads the answer until the server closes; null when it closed without one.
   */
  static Answer raw(int port, byte[] request) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("localhost", port), 5000);
      socket.setSoTimeout(3000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
        socket.shutdownOutput();
      } catch (IOException e) {
        // The server answered and closed before reading everything: read what it said.
      }
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      try {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          response.write(buffer, 0, n);
        }
      } catch (SocketTimeoutException | SocketException e) {
        // Keep what was read.
      }
      return parse(response.toByteArray());
    }
  }

  private static Answer parse(byte[] bytes) {
    String head = new String(bytes, StandardCharsets.ISO_8859_1);
    int end = head.indexOf("\r\n\r\n");
    if (!head.startsWith("HTTP/") || end < 0) {
      return null;
    }
    String[] lines = head.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    String type = "";
    boolean chunked = false;
    for (String line : lines) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-type:")) {
        type = line.substring("content-type:".length()).strip();
      }
      if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    String body = head.substring(end + 4);
    if (chunked) {
      body = dechunk(body);
    }
    String text = new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    JsonNode json = null;
    if (type.contains("json") && !text.isEmpty()) {
      try {
        json = JSON.readTree(text);
      } catch (IOException e) {
        json = null;
      }
    }
    return new Answer(status, type, json, text);
  }

  private static String dechunk(String body) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (at < body.length()) {
      int line = body.indexOf("\r\n", at);
      if (line < 0) {
        break;
      }
      int size;
      try {
        size = Integer.parseInt(body.substring(at, line).split(";")[0].strip(), 16);
      } catch (NumberFormatException e) {
        break;
      }
      if (size == 0) {
        break;
      }
      out.append(body, line + 2, Math.min(body.length(), line + 2 + size));
      at = line + 2 + size + 2;
    }
    return out.toString();
  }
}
