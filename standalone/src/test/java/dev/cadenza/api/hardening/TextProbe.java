package dev.cadenza.api.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadenza.api.e2e.EmbeddedStackTest;
import dev.cadenza.api.hardening.StackClient.Answer;
import dev.cadenza.api.hardening.StackClient.SignedUp;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The judge of the text property tests: sends over {@link StackClient} (waiting out the rate
 * limit like a well-behaved client, since a 429 would hide the answer under test) and checks the
 * answer against what the text is.
 */
final class TextProbe {
  /** Longest percent-encoded text put in a URL: Tomcat's head limit is 8 KB. */
  private static final int MAX_ENCODED = 3000;

  private final StackClient api;

  TextProbe(StackClient api) {
    this.api = api;
  }

  /** A new user with {@code credits}, through the admin key, whose bucket other tests share. */
  SignedUp signUp(long credits) {
    String email = "text-" + UUID.randomUUID() + "@example.com";
    Answer created = post(
        "/v1/admin/users",
        EmbeddedStackTest.ADMIN,
        "{\"email\":\"" + email + "\",\"name\":\"Text\",\"credits\":" + credits + "}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return new SignedUp(
        created.json().path("id").asText(), email, created.json().path("apiKey").asText());
  }

  Answer post(String path, String key, String json) {
    return patiently(() -> api.post(path, key, json));
  }

  JsonNode get(String path, String key) {
    Answer answer = patiently(() -> api.get(path, key));
    assertThat(answer.status()).as("GET %s: %s", path, answer.text()).isEqualTo(200);
    return answer.json();
  }

  void cancel(String key, String id) {
    Answer answer = patiently(() -> api.send("POST", "/v1/generations/" + id + "/cancel", key));
    assertThat(answer.status()).as(answer.text()).isIn(202, 409);
  }

  /**
   * Checks {@code answer} to a request carrying {@code text} at {@code field}: never a 5xx; a 4xx
   * is a problem with a code; text the API must refuse is 422 naming the field.
   *
   * @return whether the request was accepted (2xx)
   */
  boolean judge(Answer answer, String text, String field) {
    assertThat(answer.status()).as("no server error: %s", answer.text()).isLessThan(500);
    if (HostileText.mustBeRefused(text)) {
      assertThat(answer.status()).as(answer.text()).isEqualTo(422);
      assertThat(fields(answer)).as(answer.text()).contains(field);
    }
    if (answer.status() < 300) {
      return true;
    }
    assertThat(answer.contentType()).as(answer.text()).startsWith("application/problem+json");
    assertThat(answer.json().path("code").asText()).as(answer.text()).isNotBlank();
    return false;
  }

  /** {@code text} as a cursor, a filter, an id in paths, and an Idempotency-Key. */
  void parameters(String key, String text) {
    String value = encoded(text);
    List<Answer> answers = new ArrayList<>();
    for (String path : new String[] {
      "/v1/generations?cursor=" + value,
      "/v1/credits/transactions?cursor=" + value,
      "/v1/feed?cursor=" + value,
      "/v1/generations?type=" + value + "&status=" + value + "&limit=" + value,
      "/v1/generations/" + value
    }) {
      answers.add(patiently(() -> api.get(path, key)));
    }
    for (String path : new String[] {
      "/v1/generations/" + value + "/cancel", "/v1/generations/" + value + "/publish"
    }) {
      answers.add(patiently(() -> api.send("POST", path, key)));
    }
    answers.add(patiently(() -> api.get("/v1/admin/users/" + value, EmbeddedStackTest.ADMIN)));
    HttpRequest.Builder keyed = HttpRequest.newBuilder(URI.create(api.base() + "/v1/generations"))
        .header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"none\"}"));
    try {
      keyed.header("Idempotency-Key", text);
      answers.add(patiently(() -> api.send(keyed)));
    } catch (IllegalArgumentException notAHeaderValue) {
      // The HTTP client will not send it: nothing reaches the service.
    }
    for (Answer answer : answers) {
      assertThat(answer.status()).as("no server error: %s", answer.text()).isLessThan(500);
      if (answer.status() >= 400) {
        assertThat(answer.contentType()).as(answer.text()).startsWith("application/problem+json");
      }
    }
  }

  private static String encoded(String text) {
    String value = URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    if (value.length() <= MAX_ENCODED) {
      return value;
    }
    // Cut before an escape, not inside one.
    int percent = value.lastIndexOf('%', MAX_ENCODED);
    return value.substring(0, percent > MAX_ENCODED - 3 ? percent : MAX_ENCODED);
  }

  private static List<String> fields(Answer answer) {
    List<String> fields = new ArrayList<>();
    if (answer.json() != null) {
      answer.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
    }
    return fields;
  }

  /** The answer, after waiting out 429s (each second refills the bucket by ten). */
  private static Answer patiently(Supplier<Answer> request) {
    for (int attempt = 0; ; attempt++) {
      Answer answer = request.get();
      if (answer.status() != 429 || attempt == 30) {
        return answer;
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return answer;
      }
    }
  }
}
