package dev.cadenza.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadenza.credits.LedgerAudit;
import dev.cadenza.testsupport.LocalHttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The operator endpoints over HTTP on the embedded stack: the GPU fleet's status, retrying a
 * failed or canceled generation as a new one, and refunds by hand. The ledger audit stays clean
 * after each.
 */
class AdminOperationsEndToEndTest extends EmbeddedStackTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SONG =
      "{\"type\":\"song\",\"input\":{\"description\":\"rain on a window\",\"durationSeconds\":10}}";
  /** The built-in text model refuses this (a test hook): the song fails at its first step. */
  private static final String REFUSED_SONG =
      "{\"type\":\"song\",\"input\":{\"description\":\"how to build a bomb\",\"seed\":7}}";

  @Autowired
  DataSource dataSource;

  private ApiClient api;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  record Answer(int status, HttpResponse<String> response, JsonNode body) {
    String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    String code() {
      return body.path("code").asText();
    }
  }

  record User(String id, String key) {}

  @BeforeEach
  void setUp() {
    api = new ApiClient(port);
  }

  @AfterEach
  void ledgerStaysConsistent() {
    assertThat(new LedgerAudit(dataSource).violations()).isEmpty();
  }

  // ------------------------------------------------------------------------------------ fleet

  @Test
  void theFleetStatusShowsEachWorkerItsModelsAndWhatIsBusyNow() {
    Answer idle = send("GET", "/v1/admin/fleet", ADMIN, null, null);

    assertThat(idle.status()).isEqualTo(200);
    JsonNode worker = idle.body().path("workers").path(0);
    assertThat(idle.body().path("workers")).hasSize(1);
    assertThat(worker.path("address").asText()).startsWith("127.0.0.1:");
    assertThat(worker.path("workerId").asText()).isEqualTo("embedded");
    assertThat(worker.path("reachable").asBoolean()).isTrue();
    assertThat(worker.path("models").findValuesAsText("model"))
        .containsExactly("audio", "image", "mesh", "text", "video");
    assertThat(worker.path("slots").asInt()).isEqualTo(2 + 2 + 1 + 4 + 1);
    JsonNode totals = idle.body().path("totals");
    assertThat(totals.path("workers").asInt()).isEqualTo(1);
    assertThat(totals.path("reachable").asInt()).isEqualTo(1);
    assertThat(totals.path("slots").asInt()).isEqualTo(10);

    User user = signUp(100);
    String id = create(user, SONG).body().path("id").asText();
    // Each GPU job takes half a second of model time: the status catches one running.
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(150)).until(() -> {
      JsonNode busy = send("GET", "/v1/admin/fleet", ADMIN, null, null).body();
      return busy.path("totals").path("busySlots").asInt() >= 1
          && busy.path("workers").path(0).path("busySlots").asInt() >= 1;
    });
    assertThat(awaitTerminal(user, id).path("status").asText()).isEqualTo("succeeded");
  }

  // ------------------------------------------------------------------------------------ retry

  @Test
  void aCanceledGenerationIsRetriedAsANewOneThatTheUserPaysForOnce() {
    User user = signUp(100);
    Answer created = create(user, SONG);
    String id = created.body().path("id").asText();
    // Canceled mid-step (half a second of model time), so there is something to cancel.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> step(ownView(user, id), "writePrompt").equals("running"));
    assertThat(api.post("/v1/generations/" + id + "/cancel", user.key(), "").status())
        .isEqualTo(202);
    assertThat(awaitTerminal(user, id).path("status").asText()).isEqualTo("canceled");

    Answer retried = send("POST", "/v1/admin/generations/" + id + "/retry", ADMIN, null, null);

    assertThat(retried.status()).as(retried.body().toString()).isEqualTo(201);
    String newId = retried.body().path("id").asText();
    assertThat(newId).startsWith("gen_").isNotEqualTo(id);
    assertThat(retried.header("Location")).isEqualTo("/v1/admin/generations/" + newId);
    assertThat(retried.body().path("userId").asText()).isEqualTo(user.id());
    assertThat(retried.body().path("type").asText()).isEqualTo("song");
    assertThat(retried.body().path("input")).isEqualTo(ownView(user, id).path("input"));
    JsonNode song = awaitTerminal(user, newId);
    assertThat(song.path("status").asText()).isEqualTo("succeeded");
    assertThat(ownView(user, id).path("status").asText()).as("the original").isEqualTo("canceled");
    JsonNode credits = credits(user);
    assertThat(credits.path("balance").asLong())
        .isEqualTo(100 - song.path("cost").asLong());
    assertThat(credits.path("reserved").asLong()).isZero();
    assertThat(transactions(user))
        .filteredOn(t -> t.path("type").asText().equals("spend"))
        .singleElement()
        .satisfies(t -> assertThat(t.path("referenceId").asText()).isEqualTo(newId));
    // The admin sees any generation.
    Answer seen = send("GET", "/v1/admin/generations/" + newId, ADMIN, null, null);
    assertThat(seen.status()).isEqualTo(200);
    assertThat(seen.body().path("status").asText()).isEqualTo("succeeded");
    assertThat(seen.body().path("userId").asText()).isEqualTo(user.id());
  }

  @Test
  void aFailedGenerationIsRetriedWithTheSameInputAndItsHoldIsReleasedAgain() {
    User user = signUp(100);
    String id = create(user, REFUSED_SONG).body().path("id").asText();
    JsonNode failed = awaitTerminal(user, id);
    assertThat(failed.path("status").asText()).isEqualTo("failed");

    Answer retried = send("POST", "/v1/admin/generations/" + id + "/retry", ADMIN, null, null);

    assertThat(retried.status()).isEqualTo(201);
    String newId = retried.body().path("id").asText();
    assertThat(retried.body().path("input")).isEqualTo(failed.path("input"));
    assertThat(retried.body().path("input").path("seed").asLong()).isEqualTo(7);
    JsonNode again = awaitTerminal(user, newId);
    assertThat(again.path("status").asText()).isEqualTo("failed");
    assertThat(again.path("error").path("code").asText())
        .isEqualTo(failed.path("error").path("code").asText());
    assertThat(list(user)).containsExactlyInAnyOrder(id, newId);
    JsonNode credits = credits(user);
    assertThat(credits.path("balance").asLong()).isEqualTo(100);
    assertThat(credits.path("reserved").asLong()).isZero();
  }

  @Test
  void onlyFailedOrCanceledGenerationsAreRetriedAndOnlyWhenTheUserCanPay() {
    User user = signUp(10);
    String failed = create(user, REFUSED_SONG).body().path("id").asText();
    assertThat(awaitTerminal(user, failed).path("status").asText()).isEqualTo("failed");
    String running = create(user, SONG).body().path("id").asText();

    // The running song holds all 10 credits: a retry cannot be afforded, and leaves nothing.
    Answer unaffordable =
        send("POST", "/v1/admin/generations/" + failed + "/retry", ADMIN, null, null);
    assertThat(unaffordable.status()).isEqualTo(402);
    assertThat(unaffordable.code()).isEqualTo("INSUFFICIENT_CREDITS");
    assertThat(list(user)).containsExactlyInAnyOrder(failed, running);

    Answer notEnded =
        send("POST", "/v1/admin/generations/" + running + "/retry", ADMIN, null, null);
    assertThat(notEnded.status()).isEqualTo(409);
    assertThat(notEnded.code()).isEqualTo("NOT_RETRYABLE");
    assertThat(awaitTerminal(user, running).path("status").asText()).isEqualTo("succeeded");
    Answer succeeded =
        send("POST", "/v1/admin/generations/" + running + "/retry", ADMIN, null, null);
    assertThat(succeeded.status()).isEqualTo(409);
    assertThat(succeeded.code()).isEqualTo("NOT_RETRYABLE");
    assertThat(succeeded.response().headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    Answer unknown = send("POST", "/v1/admin/generations/gen_nothing/retry", ADMIN, null, null);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(
            send("GET", "/v1/admin/generations/gen_nothing", ADMIN, null, null).status())
        .isEqualTo(404);

    assertThat(list(user)).containsExactlyInAnyOrder(failed, running);
    assertThat(credits(user).path("balance").asLong()).isZero();
    assertThat(credits(user).path("reserved").asLong()).isZero();
  }

  @Test
  void aRetryWithAnIdempotencyKeyStartsOneGeneration() {
    User user = signUp(100);
    String failed = create(user, REFUSED_SONG).body().path("id").asText();
    awaitTerminal(user, failed);
    String key = UUID.randomUUID().toString();

    Answer first = send("POST", "/v1/admin/generations/" + failed + "/retry", ADMIN, null, key);
    Answer repeated = send("POST", "/v1/admin/generations/" + failed + "/retry", ADMIN, null, key);

    assertThat(first.status()).isEqualTo(201);
    assertThat(first.header("Idempotent-Replayed")).isNull();
    assertThat(repeated.status()).isEqualTo(201);
    assertThat(repeated.header("Idempotent-Replayed")).isEqualTo("true");
    String newId = first.body().path("id").asText();
    assertThat(repeated.body().path("id").asText()).isEqualTo(newId);
    assertThat(repeated.header("Location")).isEqualTo("/v1/admin/generations/" + newId);
    assertThat(list(user)).containsExactlyInAnyOrder(failed, newId);
    awaitTerminal(user, newId);
  }

  @Test
  void aRenderWhoseScheduledTimeHasPassedIsRetriedAndThatPublicationGoesOutAtOnce() {
    User user = signUp(20);
    List<Instant> arrivals = new CopyOnWriteArrayList<>();
    try (LocalHttpServer receiver = new LocalHttpServer()) {
      receiver.on("/hook", exchange -> {
        arrivals.add(Instant.now());
        LocalHttpServer.respond(exchange, 204, null, new byte[0]);
      });
      Instant soon = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
      Instant later = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
      String id = create(
              user, """
          {"type": "render", "input": {"timeline": {"width": 160, "height": 120, "fps": 12,
            "durationSeconds": 1,
            "tracks": [{"type": "video", "clips": [{"start": 0, "duration": 1, "color": "#204060"}]}]},
           "publishTo": [{"platform": "webhook", "url": "%s", "at": "%s"},
                         {"platform": "webhook", "url": "%s", "at": "%s"}]}}""".formatted(receiver.url("/hook"), soon, receiver.url("/hook"), later))
          .body()
          .path("id")
          .asText();
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> step(ownView(user, id), "renderVideo").equals("running"));
      assertThat(api.post("/v1/generations/" + id + "/cancel", user.key(), "").status())
          .isEqualTo(202);
      assertThat(awaitTerminal(user, id).path("status").asText()).isEqualTo("canceled");
      await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(soon));

      Answer retried = send("POST", "/v1/admin/generations/" + id + "/retry", ADMIN, null, null);

      assertThat(retried.status()).as(retried.body().toString()).isEqualTo(201);
      String newId = retried.body().path("id").asText();
      JsonNode targets = retried.body().path("input").path("publishTo");
      assertThat(targets.get(0).has("at"))
          .as("its time has passed: sent at once")
          .isFalse();
      assertThat(targets.get(1).path("at").asText()).isEqualTo(later.toString());
      JsonNode render = awaitTerminal(user, newId);
      assertThat(render.path("status").asText()).isEqualTo("succeeded");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> ownView(user, newId)
              .path("output")
              .path("publications")
              .get(0)
              .path("status")
              .asText()
              .equals("delivered"));
      assertThat(arrivals).hasSize(1);
      assertThat(ownView(user, newId)
              .path("output")
              .path("publications")
              .get(1)
              .path("status")
              .asText())
          .isEqualTo("scheduled");
      assertThat(ownView(user, id)
              .path("input")
              .path("publishTo")
              .get(0)
              .path("at")
              .asText())
          .as("the original keeps what was asked")
          .isEqualTo(soon.toString());
      // The one still ahead stays the user's to call off; that ends the retried workflow.
      assertThat(
              send("DELETE", "/v1/generations/" + newId + "/publications/1", user.key(), null, null)
                  .status())
          .isEqualTo(200);
      assertThat(arrivals).hasSize(1);
      JsonNode credits = credits(user);
      assertThat(credits.path("balance").asLong())
          .isEqualTo(20 - render.path("cost").asLong());
      assertThat(credits.path("reserved").asLong()).isZero();
    }
  }

  @Test
  void aRemixWhoseParentWasUnpublishedSinceIsNotRetryableAndNothingIsHeld() {
    User owner = signUp(100);
    User remixer = signUp(100);
    String parent = create(owner, SONG).body().path("id").asText();
    assertThat(awaitTerminal(owner, parent).path("status").asText()).isEqualTo("succeeded");
    assertThat(
            api.post("/v1/generations/" + parent + "/publish", owner.key(), "").status())
        .isEqualTo(200);
    String remix = create(remixer, "{\"type\":\"song\",\"input\":{\"remixOf\":\"" + parent + "\"}}")
        .body()
        .path("id")
        .asText();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> step(ownView(remixer, remix), "generateAudio").equals("running"));
    assertThat(
            api.post("/v1/generations/" + remix + "/cancel", remixer.key(), "").status())
        .isEqualTo(202);
    assertThat(awaitTerminal(remixer, remix).path("status").asText()).isEqualTo("canceled");
    assertThat(send("DELETE", "/v1/generations/" + parent + "/publish", owner.key(), null, null)
            .status())
        .isEqualTo(200);

    Answer refused = send("POST", "/v1/admin/generations/" + remix + "/retry", ADMIN, null, null);

    assertThat(refused.status()).as(refused.body().toString()).isEqualTo(409);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(refused.code()).isEqualTo("NOT_RETRYABLE");
    assertThat(refused.body().path("errors"))
        .singleElement()
        .satisfies(e -> assertThat(e.path("field").asText()).isEqualTo("input.remixOf"));
    assertThat(list(remixer)).containsExactly(remix);
    assertThat(credits(remixer).path("balance").asLong()).isEqualTo(100);
    assertThat(credits(remixer).path("reserved").asLong()).isZero();

    // Published again, it may be built on again: the retry runs.
    assertThat(
            api.post("/v1/generations/" + parent + "/publish", owner.key(), "").status())
        .isEqualTo(200);
    Answer retried = send("POST", "/v1/admin/generations/" + remix + "/retry", ADMIN, null, null);
    assertThat(retried.status()).as(retried.body().toString()).isEqualTo(201);
    String newId = retried.body().path("id").asText();
    assertThat(awaitTerminal(remixer, newId).path("status").asText()).isEqualTo("succeeded");
    assertThat(ownView(remixer, newId).path("parentId").asText()).isEqualTo(parent);
  }

  // ----------------------------------------------------------------------------------- refund

  @Test
  void aPaidGenerationIsRefundedOnceWithTheReasonInTheLedger() {
    User user = signUp(100);
    String id = create(user, SONG).body().path("id").asText();
    JsonNode song = awaitTerminal(user, id);
    assertThat(song.path("status").asText()).isEqualTo("succeeded");
    long cost = song.path("cost").asLong();
    String key = UUID.randomUUID().toString();
    String body = refund(cost, "the vocals were cut off", id);

    Answer refunded = send("POST", "/v1/admin/users/" + user.id() + "/refunds", ADMIN, body, key);

    assertThat(refunded.status()).as(refunded.body().toString()).isEqualTo(201);
    JsonNode entry = refunded.body().path("transaction");
    assertThat(entry.path("id").asText()).startsWith("txn_");
    assertThat(entry.path("type").asText()).isEqualTo("refund");
    assertThat(entry.path("amount").asLong()).isEqualTo(cost);
    assertThat(entry.path("balanceAfter").asLong()).isEqualTo(100);
    assertThat(entry.path("referenceId").asText()).isEqualTo(id);
    assertThat(entry.path("description").asText()).isEqualTo("the vocals were cut off");
    assertThat(entry.path("createdAt").isTextual()).isTrue();
    JsonNode account = refunded.body().path("account");
    assertThat(account.path("id").asText()).isEqualTo(user.id());
    assertThat(account.path("credits").path("balance").asLong()).isEqualTo(100);
    assertThat(account.path("credits").path("lifetimeSpent").asLong()).isZero();
    // The user sees it in their history.
    assertThat(transactions(user).get(0)).isEqualTo(entry);

    Answer replayed = send("POST", "/v1/admin/users/" + user.id() + "/refunds", ADMIN, body, key);
    assertThat(replayed.status()).isEqualTo(201);
    assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(replayed.body()).isEqualTo(refunded.body());
    Answer twice = send("POST", "/v1/admin/users/" + user.id() + "/refunds", ADMIN, body, null);
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.code()).isEqualTo("ALREADY_REFUNDED");
    assertThat(twice.body().path("detail").asText()).contains(entry.path("id").asText());

    assertThat(credits(user).path("balance").asLong()).isEqualTo(100);
    assertThat(transactions(user))
        .filteredOn(t -> t.path("type").asText().equals("refund"))
        .hasSize(1);
  }

  @Test
  void aRefundNeverCreatesCredits() {
    User user = signUp(100);
    User stranger = signUp(100);
    String paid = create(user, SONG).body().path("id").asText();
    long cost = awaitTerminal(user, paid).path("cost").asLong();
    String failed = create(user, REFUSED_SONG).body().path("id").asText();
    awaitTerminal(user, failed);
    String refunds = "/v1/admin/users/" + user.id() + "/refunds";

    Answer unpaid = send("POST", refunds, ADMIN, refund(1, "failed", failed), null);
    assertThat(unpaid.status()).isEqualTo(409);
    assertThat(unpaid.code()).isEqualTo("NOT_REFUNDABLE");
    Answer overCost = send("POST", refunds, ADMIN, refund(cost + 1, "more", paid), null);
    assertThat(overCost.status()).isEqualTo(422);
    assertThat(overCost.code()).isEqualTo("VALIDATION_FAILED");
    assertThat(overCost.body().path("errors").path(0).path("field").asText()).isEqualTo("amount");
    Answer notTheirs = send(
        "POST", "/v1/admin/users/" + stranger.id() + "/refunds", ADMIN, refund(1, "x", paid), null);
    assertThat(notTheirs.status()).isEqualTo(404);
    Answer overSpending = send("POST", refunds, ADMIN, refund(cost + 1, "goodwill", null), null);
    assertThat(overSpending.status()).isEqualTo(422);
    assertThat(overSpending.code()).isEqualTo("REFUND_EXCEEDS_SPENDING");
    Answer strangerSpentNothing = send(
        "POST",
        "/v1/admin/users/" + stranger.id() + "/refunds",
        ADMIN,
        refund(1, "goodwill", null),
        null);
    assertThat(strangerSpentNothing.code()).isEqualTo("REFUND_EXCEEDS_SPENDING");
    assertThat(send("POST", "/v1/admin/users/usr_nobody/refunds", ADMIN, refund(1, "x", null), null)
            .status())
        .isEqualTo(404);
    for (String invalid : List.of(
        "{\"amount\":1}",
        "{\"amount\":1,\"reason\":\"  \"}",
        "{\"amount\":0,\"reason\":\"x\"}",
        "{\"amount\":-5,\"reason\":\"x\"}",
        "{\"amount\":1.5,\"reason\":\"x\"}",
        "{\"amount\":1,\"reason\":\"x\",\"generationId\":\"\"}",
        "{\"amount\":1,\"reason\":\"a\\u0000b\"}",
        "{\"reason\":\"x\"}")) {
      Answer answer = send("POST", refunds, ADMIN, invalid, null);
      assertThat(answer.status()).as(invalid).isIn(400, 422);
      assertThat(answer.header("Content-Type")).as(invalid).startsWith("application/problem+json");
    }
    assertThat(credits(user).path("balance").asLong()).isEqualTo(100 - cost);
    assertThat(credits(stranger).path("balance").asLong()).isEqualTo(100);

    // Not tied to a generation: up to what was spent.
    Answer goodwill = send("POST", refunds, ADMIN, refund(cost - 1, "slow week", null), null);
    assertThat(goodwill.status()).isEqualTo(201);
    assertThat(goodwill.body().path("transaction").path("referenceId").asText())
        .startsWith("refund_");
    Answer rest = send("POST", refunds, ADMIN, refund(1, "rest", paid), null);
    assertThat(rest.status()).isEqualTo(201);
    Answer beyond = send("POST", refunds, ADMIN, refund(1, "more", null), null);
    assertThat(beyond.code()).isEqualTo("REFUND_EXCEEDS_SPENDING");
    JsonNode credits = credits(user);
    assertThat(credits.path("balance").asLong()).isEqualTo(100);
    assertThat(credits.path("lifetimeSpent").asLong()).isZero();
  }

  // ---------------------------------------------------------------------------------- helpers

  private static String refund(long amount, String reason, String generationId) {
    return "{\"amount\":" + amount + ",\"reason\":\"" + reason + "\""
        + (generationId == null ? "" : ",\"generationId\":\"" + generationId + "\"") + "}";
  }

  private User signUp(long credits) {
    String key = api.signUp(credits);
    return new User(api.get("/v1/me", key).body().path("id").asText(), key);
  }

  private Answer create(User user, String body) {
    Answer created = send("POST", "/v1/generations", user.key(), body, null);
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    return created;
  }

  private JsonNode ownView(User user, String id) {
    return api.get("/v1/generations/" + id, user.key()).body();
  }

  private JsonNode credits(User user) {
    return api.get("/v1/me", user.key()).body().path("credits");
  }

  private List<JsonNode> transactions(User user) {
    List<JsonNode> entries = new ArrayList<>();
    api.get("/v1/credits/transactions?limit=100", user.key())
        .body()
        .path("data")
        .forEach(entries::add);
    return entries;
  }

  private List<String> list(User user) {
    return api.get("/v1/generations?limit=100", user.key())
        .body()
        .path("data")
        .findValuesAsText("id");
  }

  private Answer send(String method, String path, String key, String body, String idempotencyKey) {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + key)
        .method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = response.body().isEmpty() ? null : JSON.readTree(response.body());
      return new Answer(response.statusCode(), response, json);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String step(JsonNode generation, String name) {
    for (JsonNode step : generation.path("steps")) {
      if (step.path("name").asText().equals(name)) {
        return step.path("status").asText();
      }
    }
    return "absent";
  }

  private JsonNode awaitTerminal(User user, String id) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      last[0] = ownView(user, id);
      return last[0].path("completedAt").isTextual();
    });
    return last[0];
  }
}
