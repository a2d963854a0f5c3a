package dev.cadenza.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadenza.credits.LedgerAudit;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code Idempotency-Key} on {@code POST /v1/generations} over HTTP on the embedded stack: retries
 * and concurrent duplicates create one generation and hold its cost once.
 */
class IdempotencyEndToEndTest extends EmbeddedStackTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SONG =
      "{\"type\":\"song\",\"input\":{\"description\":\"rain on a window\",\"durationSeconds\":10}}";

  @Autowired
  DataSource dataSource;

  private ApiClient api;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  record Answer(int status, HttpResponse<byte[]> response, JsonNode body) {
    String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }
  }

  @BeforeEach
  void setUp() {
    api = new ApiClient(port);
  }

  @AfterEach
  void ledgerStaysConsistent() {
    assertThat(new LedgerAudit(dataSource).violations()).isEmpty();
  }

  @Test
  void twentyConcurrentCreatesWithOneKeyMakeOneGenerationAndOneHold() throws Exception {
    String key = signUp(100);
    String idempotencyKey = UUID.randomUUID().toString();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Answer>> futures = new ArrayList<>();
    List<Answer> answers = new ArrayList<>();
    try (ExecutorService threads = Executors.newFixedThreadPool(20)) {
      for (int i = 0; i < 20; i++) {
        futures.add(threads.submit(() -> {
          start.await();
          return create(key, idempotencyKey, SONG);
        }));
      }
      start.countDown();
      for (Future<Answer> future : futures) {
        answers.add(future.get());
      }
    }

    assertThat(answers).allSatisfy(a -> assertThat(a.status()).isEqualTo(201));
    String id = answers.get(0).body().path("id").asText();
    assertThat(answers).allSatisfy(a -> {
      assertThat(a.body().path("id").asText()).isEqualTo(id);
      assertThat(a.header("Location")).isEqualTo("/v1/generations/" + id);
    });
    assertThat(answers)
        .filteredOn(a -> a.header("Idempotent-Replayed") == null)
        .as("answers that ran the create")
        .hasSize(1);
    assertThat(api.get("/v1/generations", key).body().path("data")).hasSize(1);
    JsonNode credits = api.get("/v1/me", key).body().path("credits");
    long cost = answers.get(0).body().path("cost").asLong();
    assertThat(cost).isPositive();
    assertThat(credits.path("reserved").asLong() + 100 - credits.path("balance").asLong())
        .as("held or spent once")
        .isEqualTo(cost);

    awaitTerminal(key, id);
    assertThat(api.get("/v1/me", key).body().path("credits").path("balance").asLong())
        .isEqualTo(100 - cost);
    assertThat(api.get("/v1/credits/transactions", key).body().path("data"))
        .filteredOn(t -> t.path("type").asText().equals("spend"))
        .singleElement()
        .satisfies(t -> assertThat(t.path("referenceId").asText()).isEqualTo(id));
    Answer later = create(key, idempotencyKey, SONG);
    assertThat(later.status()).isEqualTo(201);
    assertThat(later.body())
        .as("the first answer, as it was")
        .isEqualTo(answers.get(0).body());
  }

  @Test
  void theSameKeyWithAnotherBodyIsAConflict() {
    String key = signUp(100);
    String idempotencyKey = UUID.randomUUID().toString();
    String id = create(key, idempotencyKey, SONG).body().path("id").asText();

    Answer other = create(
        key,
        idempotencyKey,
        "{\"type\":\"song\",\"input\":{\"description\":\"snow\",\"durationSeconds\":10}}");

    assertThat(other.status()).isEqualTo(409);
    assertThat(other.response().headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(other.body().path("code").asText()).isEqualTo("CONFLICT");
    assertThat(api.get("/v1/generations", key).body().path("data")).hasSize(1);
    // Another user may use the same key.
    String stranger = signUp(100);
    Answer theirs = create(stranger, idempotencyKey, SONG);
    assertThat(theirs.status()).isEqualTo(201);
    assertThat(theirs.body().path("id").asText()).isNotEqualTo(id);
    awaitTerminal(key, id);
    awaitTerminal(stranger, theirs.body().path("id").asText());
  }

  @Test
  void aReplayed402Stays402EvenOnceCreditsArrive() {
    String key = signUp(5);
    String userId = api.get("/v1/me", key).body().path("id").asText();
    String idempotencyKey = UUID.randomUUID().toString();
    Answer first = create(key, idempotencyKey, SONG);
    assertThat(first.status()).isEqualTo(402);

    var topUp = api.post(
        "/v1/admin/users/" + userId + "/credits", ADMIN, "{\"amount\":100,\"type\":\"purchase\"}");
    assertThat(topUp.status()).isEqualTo(200);
    Answer retry = create(key, idempotencyKey, SONG);

    assertThat(retry.status()).isEqualTo(402);
    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.response().headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(retry.body().path("code").asText()).isEqualTo("INSUFFICIENT_CREDITS");
    assertThat(api.get("/v1/generations", key).body().path("data")).isEmpty();
    assertThat(create(key, UUID.randomUUID().toString(), SONG).status())
        .as("a new key is a new request")
        .isEqualTo(201);
  }

  @Test
  void aMalformedKeyIsRefusedAndCreatesNothing() {
    String key = signUp(100);

    Answer answer = create(key, "x".repeat(256), SONG);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().path("code").asText()).isEqualTo("VALIDATION_FAILED");
    assertThat(answer.body().path("errors").path(0).path("field").asText())
        .isEqualTo("Idempotency-Key");
    assertThat(api.get("/v1/generations", key).body().path("data")).isEmpty();
  }

  private Answer create(String key, String idempotencyKey, String body) {
    HttpRequest request = HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/v1/generations"))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + key)
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", idempotencyKey)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      JsonNode json = response.body().length == 0 ? null : JSON.readTree(response.body());
      return new Answer(response.statusCode(), response, json);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String signUp(long credits) {
    return api.signUp(credits);
  }

  private JsonNode awaitTerminal(String key, String id) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      last[0] = api.get("/v1/generations/" + id, key).body();
      return last[0].path("completedAt").isTextual();
    });
    return last[0];
  }
}
