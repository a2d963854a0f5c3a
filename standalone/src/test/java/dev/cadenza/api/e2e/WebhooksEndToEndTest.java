package dev.cadenza.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.cadenza.credits.LedgerAudit;
import dev.cadenza.net.StandardWebhookSignature;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Webhooks over HTTP on the embedded stack, to a receiver on localhost (allowed in the tests by
 * {@code app.outbound.allowed-networks}): the events asked for, signed per Standard Webhooks
 * with the user's secret, retried with backoff until a 2xx.
 */
class WebhooksEndToEndTest extends EmbeddedStackTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One POST the receiver got, and what it answered. */
  record Received(
      String id,
      String timestamp,
      String signature,
      String event,
      String sequence,
      String body,
      int answered) {}

  @Autowired
  DataSource dataSource;

  private ApiClient api;
  private HttpServer receiver;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  /** How many more times to answer 500 to messages of an event. */
  private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();

  @BeforeEach
  void setUp() throws IOException {
    api = new ApiClient(port);
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String event = exchange.getRequestHeaders().getFirst("webhook-event");
      AtomicInteger left = failuresLeft.get(event);
      int status = left != null && left.getAndDecrement() > 0 ? 500 : 204;
      received.add(new Received(
          exchange.getRequestHeaders().getFirst("webhook-id"),
          exchange.getRequestHeaders().getFirst("webhook-timestamp"),
          exchange.getRequestHeaders().getFirst("webhook-signature"),
          event,
          exchange.getRequestHeaders().getFirst("webhook-sequence"),
          body,
          status));
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    receiver.start();
  }

  @AfterEach
  void tearDown() {
    receiver.stop(0);
    assertThat(new LedgerAudit(dataSource).violations()).isEmpty();
  }

  @Test
  void receiverGetsTheEventsAskedForSignedWithTheUsersSecret() throws Exception {
    String key = api.signUp(100);
    String secret = api.get("/v1/me", key).body().path("webhookSecret").asText();

    String id = create(key, "[\"started\",\"completed\"]");

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> received.stream().anyMatch(r -> "completed".equals(r.event())));
    assertThat(received).extracting(Received::event).containsExactly("started", "completed");
    for (Received r : received) {
      assertThat(r.signature())
          .isEqualTo(StandardWebhookSignature.sign(
              secret, r.id(), Long.parseLong(r.timestamp()), r.body()));
      JsonNode generation = JSON.readTree(r.body());
      assertThat(generation.path("id").asText()).isEqualTo(id);
    }
    assertThat(JSON.readTree(received.getLast().body()).path("status").asText())
        .isEqualTo("succeeded");
    assertThat(received.get(0).id()).isNotEqualTo(received.get(1).id());
  }

  @Test
  void receiverFailingTwiceGetsTheSameMessageAgainUntilItAnswers2xx() {
    String key = api.signUp(100);
    failuresLeft.put("completed", new AtomicInteger(2));

    String id = create(key, "[\"completed\"]");

    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> received.stream().anyMatch(r -> r.answered() == 204));
    assertThat(received).extracting(Received::answered).containsExactly(500, 500, 204);
    assertThat(received).extracting(Received::id).containsOnly(received.get(0).id());
    assertThat(received).extracting(Received::body).containsOnly(received.get(0).body());
    Map<String, Object> row = JdbcClient.create(dataSource)
        .sql("select status, attempts from webhook_deliveries where generation_id = :id")
        .param("id", id)
        .query()
        .singleRow();
    assertThat(row).containsEntry("status", "delivered").containsEntry("attempts", 3);
  }

  @Test
  void eachMessageTellsItsOwnEventsStateWithASequenceNumberToOrderThemBy() throws Exception {
    String key = api.signUp(100);
    // The started message fails until the song has (most likely) ended: it arrives late.
    failuresLeft.put("started", new AtomicInteger(4));

    String id = create(key, "[\"started\",\"progress\",\"completed\"]");

    await()
        .atMost(Duration.ofSeconds(90))
        .until(() ->
            received.stream().anyMatch(r -> "started".equals(r.event()) && r.answered() == 204)
                && received.stream().anyMatch(r -> "completed".equals(r.event())));
    List<Received> delivered =
        received.stream().filter(r -> r.answered() == 204).toList();
    List<JsonNode> bodies = new java.util.ArrayList<>();
    for (Received r : delivered) {
      JsonNode body = JSON.readTree(r.body());
      assertThat(body.path("id").asText()).isEqualTo(id);
      assertThat(body.path("event").asText()).isEqualTo(r.event());
      assertThat(body.path("sequence").asLong()).isEqualTo(Long.parseLong(r.sequence()));
      bodies.add(body);
    }
    bodies.sort(java.util.Comparator.comparingLong(b -> b.path("sequence").asLong()));
    assertThat(bodies).extracting(b -> b.path("sequence").asLong()).doesNotHaveDuplicates();
    assertThat(bodies.getFirst().path("event").asText()).isEqualTo("started");
    assertThat(bodies.getFirst().path("status").asText()).isEqualTo("running");
    assertThat(bodies.getFirst().path("steps").findValuesAsText("status"))
        .as("the steps at the start")
        .doesNotContain("succeeded");
    assertThat(bodies.getLast().path("event").asText()).isEqualTo("completed");
    assertThat(bodies.getLast().path("status").asText()).isEqualTo("succeeded");
    List<JsonNode> progress =
        bodies.stream().filter(b -> b.path("event").asText().equals("progress")).toList();
    assertThat(progress).isNotEmpty().allSatisfy(b -> {
      assertThat(b.path("status").asText()).isEqualTo("running");
      assertThat(b.path("progress").path("step").asText()).isNotBlank();
    });
  }

  @Test
  void anAdminRetryKeepsTheWebhookAndTheEventsItAskedFor() throws Exception {
    String key = api.signUp(100);
    // The built-in text model refuses this (a test hook): the song fails at its first step.
    String failed = create(key, "{\"description\":\"how to build a bomb\"}", "[\"failed\"]");
    await().atMost(Duration.ofSeconds(60)).until(() -> eventsOf(failed).contains("failed"));

    ApiClient.Response retried =
        api.post("/v1/admin/generations/" + failed + "/retry", EmbeddedStackTest.ADMIN, "");
    assertThat(retried.status()).isEqualTo(201);
    String retry = retried.body().path("id").asText();

    await().atMost(Duration.ofSeconds(60)).until(() -> eventsOf(retry).contains("failed"));
    assertThat(api.get("/v1/generations/" + retry, key).body().path("status").asText())
        .isEqualTo("failed");
    // Deliveries are recorded with their events, so once the generation ended these are all.
    List<String> recorded = JdbcClient.create(dataSource)
        .sql("select event from webhook_deliveries where generation_id = :id")
        .param("id", retry)
        .query(String.class)
        .list();
    assertThat(recorded).as("the retry's deliveries").containsExactly("failed");
    assertThat(eventsOf(retry)).containsExactly("failed");
    assertThat(eventsOf(failed)).containsExactly("failed");
  }

  @Test
  void privateTargetsAreRefusedUnlessConfigured() {
    // This context allows them (see the class comment); WebhookTargetsTest covers refusal.
    String key = api.signUp(100);
    ApiClient.Response bad = api.post(
        "/v1/generations",
        key,
        "{\"type\":\"song\",\"input\":{\"description\":\"rain\",\"durationSeconds\":10},"
            + "\"webhook\":\"ftp://127.0.0.1/hook\"}");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(api.get("/v1/me", key).body().path("credits").path("reserved").asLong())
        .isZero();
  }

  private String create(String key, String events) {
    return create(key, "{\"description\":\"rain\",\"durationSeconds\":10}", events);
  }

  private String create(String key, String songInput, String events) {
    ApiClient.Response created = api.post(
        "/v1/generations",
        key,
        "{\"type\":\"song\",\"input\":" + songInput + ","
            + "\"webhook\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\","
            + "\"webhookEvents\":" + events + "}");
    assertThat(created.status()).isEqualTo(201);
    return created.body().path("id").asText();
  }

  /** The events the receiver got for one generation, in arrival order. */
  private List<String> eventsOf(String generationId) {
    return received.stream()
        .filter(r -> {
          try {
            return JSON.readTree(r.body()).path("id").asText().equals(generationId);
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        })
        .map(Received::event)
        .toList();
  }
}
