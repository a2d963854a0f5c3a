package dev.cadenza.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadenza.api.reconcile.Reconciler;
import dev.cadenza.credits.CreditLedger;
import dev.cadenza.credits.LedgerAudit;
import dev.cadenza.storage.ObjectStorage;
import io.temporal.client.WorkflowClient;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The song pipeline as an app uses it: over HTTP, on the embedded stack (Temporal dev server,
 * PostgreSQL, local storage, GPU worker over gRPC), from sign-up to downloaded media.
 */
class SongEndToEndTest extends EmbeddedStackTest {
  @Autowired
  DataSource dataSource;

  @Autowired
  CreditLedger ledger;

  @Autowired
  Reconciler reconciler;

  @Autowired
  ObjectStorage storage;

  @Autowired
  WorkflowClient temporal;

  private ApiClient api;

  @BeforeEach
  void setUp() {
    api = new ApiClient(port);
  }

  @AfterEach
  void ledgerStaysConsistent() {
    assertThat(new LedgerAudit(dataSource).violations()).isEmpty();
  }

  @Test
  void aDescribedSongIsDeliveredAsRealFilesAndPaidOnce() throws Exception {
    String key = signUp(100);
    var created = api.post(
        "/v1/generations",
        key,
        "{\"type\":\"song\",\"input\":{\"description\":\"a calm lo-fi song about rain\",\"durationSeconds\":20}}");
    assertThat(created.status()).isEqualTo(201);
    String id = created.body().path("id").asText();

    JsonNode song = awaitTerminal(key, id);

    assertThat(song.path("status").asText()).isEqualTo("succeeded");
    JsonNode output = song.path("output");
    assertThat(output.path("title").asText()).isNotBlank();
    assertThat(output.path("lyrics").asText()).contains("[Verse]");
    assertThat(output.path("categories")).isNotEmpty();
    assertThat(song.path("steps"))
        .allSatisfy(s -> assertThat(s.path("status").asText()).isEqualTo("succeeded"));

    var audio = api.download(output.path("audio").path("url").asText());
    assertThat(audio.status()).isEqualTo(200);
    assertThat(audio.contentType()).isEqualTo("audio/wav");
    MediaFiles.Wav wav = MediaFiles.wav(audio.bytes());
    assertThat(wav.seconds()).isCloseTo(20.0, org.assertj.core.data.Offset.offset(0.5));
    assertThat(wav.rms()).as("not silent").isGreaterThan(0.01);
    assertThat(output.path("audio").path("sizeBytes").asLong()).isEqualTo(audio.bytes().length);

    var cover = api.download(output.path("cover").path("url").asText());
    BufferedImage image = MediaFiles.png(cover.bytes());
    assertThat(image.getWidth()).isPositive();

    // Claim check: the workflow history carries storage keys, never the media bytes.
    long largestPayload = temporal.fetchHistory("song-" + id).getEvents().stream()
        .mapToLong(e -> e.toByteString().size())
        .max()
        .orElseThrow();
    assertThat(largestPayload).isLessThan(64 * 1024).isLessThan(audio.bytes().length / 10);

    JsonNode me = api.get("/v1/me", key).body();
    assertThat(me.path("credits").path("balance").asLong())
        .isEqualTo(100 - song.path("cost").asLong());
    assertThat(me.path("credits").path("reserved").asLong()).isZero();
    JsonNode transactions = api.get("/v1/credits/transactions", key).body().path("data");
    assertThat(transactions)
        .filteredOn(t -> t.path("type").asText().equals("spend"))
        .singleElement()
        .satisfies(t -> assertThat(t.path("referenceId").asText()).isEqualTo(id));
  }

  @Test
  void everyInputModeWorks() {
    String key = signUp(100);
    String[] inputs = {
      "{\"prompt\":\"jazz trio, brushes, 90 bpm\",\"lyrics\":\"[Verse]\\nmy own words here\"}",
      "{\"prompt\":\"synthwave, night drive\",\"lyricsDescription\":\"a drive through the city at night\"}",
      "{\"description\":\"rain on a tin roof\",\"instrumental\":true,\"durationSeconds\":10}"
    };
    String[] ids = new String[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      var created =
          api.post("/v1/generations", key, "{\"type\":\"song\",\"input\":" + inputs[i] + "}");
      assertThat(created.status()).as(inputs[i]).isEqualTo(201);
      ids[i] = created.body().path("id").asText();
    }
    JsonNode own = awaitTerminal(key, ids[0]);
    assertThat(own.path("output").path("lyrics").asText()).isEqualTo("[Verse]\nmy own words here");
    assertThat(step(own, "writePrompt")).isEqualTo("skipped");
    assertThat(step(own, "writeLyrics")).isEqualTo("skipped");
    JsonNode briefed = awaitTerminal(key, ids[1]);
    assertThat(briefed.path("status").asText()).isEqualTo("succeeded");
    assertThat(step(briefed, "writeLyrics")).isEqualTo("succeeded");
    JsonNode instrumental = awaitTerminal(key, ids[2]);
    assertThat(instrumental.path("output").path("lyrics").asText()).isEqualTo("[instrumental]");
  }

  @Test
  void invalidRequestsAreRefusedAndCreateNothing() {
    String key = signUp(100);
    String[] bodies = {
      "{\"type\":\"song\",\"input\":{}}",
      "{\"type\":\"song\",\"input\":{\"description\":\"a\",\"prompt\":\"b\",\"lyrics\":\"c\"}}",
      "{\"type\":\"song\",\"input\":{\"description\":\"a\",\"durationSeconds\":241}}",
      "{\"type\":\"song\",\"input\":{\"description\":\"" + "x".repeat(3001) + "\"}}",
      "{\"type\":\"song\",\"input\":{\"description\":\"a\",\"durationSeconds\":\"20\"}}",
      "{\"type\":\"song\",\"input\":{\"description\":\"a\",\"guidanceScale\":true}}",
      "{\"type\":\"song\",\"input\":{",
      "[]",
      "{\"type\":\"movie\",\"input\":{\"description\":\"a\"}}"
    };
    for (String body : bodies) {
      var answer = api.post("/v1/generations", key, body);
      assertThat(answer.status()).as(body).isIn(400, 422);
      assertThat(answer.contentType()).startsWith("application/problem+json");
      assertThat(answer.body().path("code").asText()).isNotBlank();
    }
    assertThat(api.get("/v1/generations", key).body().path("data")).isEmpty();
    assertThat(api.get("/v1/me", key).body().path("credits").path("reserved").asLong())
        .isZero();
  }

  @Test
  void aUserWhoCannotAffordASongGets402AndNothingMoves() {
    String key = signUp(5);
    var answer = api.post(
        "/v1/generations", key, "{\"type\":\"song\",\"input\":{\"description\":\"rain\"}}");

    assertThat(answer.status()).isEqualTo(402);
    assertThat(answer.body().path("code").asText()).isEqualTo("INSUFFICIENT_CREDITS");
    assertThat(api.get("/v1/generations", key).body().path("data")).isEmpty();
    JsonNode credits = api.get("/v1/me", key).body().path("credits");
    assertThat(credits.path("balance").asLong()).isEqualTo(5);
    assertThat(credits.path("reserved").asLong()).isZero();
  }

  @Test
  void anotherUsersGenerationIsNotFoundEverywhere() {
    String owner = signUp(100);
    String stranger = signUp(100);
    String id = api.post(
            "/v1/generations", owner, "{\"type\":\"song\",\"input\":{\"description\":\"rain\"}}")
        .body()
        .path("id")
        .asText();

    assertThat(api.get("/v1/generations/" + id, stranger).status()).isEqualTo(404);
    assertThat(api.post("/v1/generations/" + id + "/cancel", stranger, "").status())
        .isEqualTo(404);
    assertThat(api.get("/v1/generations", stranger).body().path("data")).isEmpty();
    awaitTerminal(owner, id);
  }

  @Test
  void aCanceledSongReleasesItsHoldAndSpendsNothing() {
    String key = signUp(100);
    String id = api.post(
            "/v1/generations",
            key,
            "{\"type\":\"song\",\"input\":{\"description\":\"a long ambient piece\",\"durationSeconds\":60}}")
        .body()
        .path("id")
        .asText();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() ->
            step(api.get("/v1/generations/" + id, key).body(), "writePrompt").equals("running"));

    var canceled = api.post("/v1/generations/" + id + "/cancel", key, "");
    assertThat(canceled.status()).isEqualTo(202);

    JsonNode song = awaitTerminal(key, id);
    assertThat(song.path("status").asText()).isEqualTo("canceled");
    assertThat(song.path("error").path("code").asText()).isEqualTo("CANCELED");
    JsonNode credits = api.get("/v1/me", key).body().path("credits");
    assertThat(credits.path("balance").asLong()).isEqualTo(100);
    assertThat(credits.path("reserved").asLong()).isZero();
    assertThat(api.post("/v1/generations/" + id + "/cancel", key, "").status()).isEqualTo(409);
    assertThat(storage.list("staging/" + id + "/")).as("staged files").isEmpty();
    assertThat(storage.list("generations/" + id + "/")).as("stored files").isEmpty();
  }

  @Test
  void aWorkflowTerminatedByAnOperatorIsFailedAndItsHoldReleasedOnce() {
    String key = signUp(100);
    String id = api.post(
            "/v1/generations",
            key,
            "{\"type\":\"song\",\"input\":{\"description\":\"a long ambient piece\"}}")
        .body()
        .path("id")
        .asText();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() ->
            api.get("/v1/generations/" + id, key).body().path("status").asText().equals("running"));

    temporal.newUntypedWorkflowStub("song-" + id).terminate("stopped from the Temporal UI");
    // Visibility (the real server's list queries) learns of the termination a moment later.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> reconciler.reconcile(Instant.now()),
            r -> r.failedGenerations().contains(id));
    Reconciler.Report second = reconciler.reconcile(Instant.now());

    assertThat(second.failedGenerations()).doesNotContain(id);
    JsonNode generation = api.get("/v1/generations/" + id, key).body();
    assertThat(generation.path("status").asText()).isEqualTo("failed");
    assertThat(generation.path("error").path("code").asText()).isEqualTo("TERMINATED");
    JsonNode credits = api.get("/v1/me", key).body().path("credits");
    assertThat(credits.path("balance").asLong()).isEqualTo(100);
    assertThat(credits.path("reserved").asLong()).isZero();
  }

  @Test
  void aTerminationIsReconciledByTheNextPeriodicRunAndReportedByOneProcessOnly() throws Exception {
    String key = signUp(100);
    String id = api.post(
            "/v1/generations",
            key,
            "{\"type\":\"song\",\"input\":{\"description\":\"a long ambient piece\"}}")
        .body()
        .path("id")
        .asText();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() ->
            api.get("/v1/generations/" + id, key).body().path("status").asText().equals("running"));

    temporal.newUntypedWorkflowStub("song-" + id).terminate("stopped from the Temporal UI");
    // The generation is seconds old, well inside the grace that protects requests being accepted:
    // a closed workflow is acted on all the same. Two processes reconcile at the same moment.
    Instant now = Instant.now().minus(Duration.ofSeconds(30));
    List<Reconciler.Report> reports = new java.util.ArrayList<>();
    try (ExecutorService processes = Executors.newFixedThreadPool(2)) {
      // Rounds until visibility shows the termination; every round's reports count.
      await().atMost(Duration.ofSeconds(10)).until(() -> {
        Future<Reconciler.Report> one = processes.submit(() -> reconciler.reconcile(now));
        Future<Reconciler.Report> other = processes.submit(() -> reconciler.reconcile(now));
        reports.add(one.get());
        reports.add(other.get());
        return api.get("/v1/generations/" + id, key)
            .body()
            .path("status")
            .asText()
            .equals("failed");
      });
    }

    assertThat(reports)
        .filteredOn(r -> r.failedGenerations().contains(id))
        .as("reported by one of the two")
        .hasSize(1);
    JsonNode generation = api.get("/v1/generations/" + id, key).body();
    assertThat(generation.path("status").asText()).isEqualTo("failed");
    assertThat(generation.path("error").path("code").asText()).isEqualTo("TERMINATED");
    JsonNode credits = api.get("/v1/me", key).body().path("credits");
    assertThat(credits.path("balance").asLong()).isEqualTo(100);
    assertThat(credits.path("reserved").asLong()).isZero();
  }

  @Test
  void generationsLeftOpenByARestartAreFailedAndReleasedOnce() {
    String key = signUp(100);
    String userId = api.get("/v1/me", key).body().path("id").asText();
    String id = "gen_orphan" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    JdbcClient jdbc = JdbcClient.create(dataSource);
    // What a restart of the embedded Temporal leaves: a running row and a hold, no workflow.
    jdbc.sql(
            "insert into generations (id, user_id, type, status, workflow_id, input, cost, created_at)"
                + " values (?, ?, 'song', 'running', ?, '{}'::jsonb, 10, now() - interval '1 hour')")
        .params(id, userId, "song-" + id)
        .update();
    ledger.reserve(id, userId, 10, "song " + id);
    jdbc.sql("update credit_reservations set created_at = now() - interval '1 hour' where id = ?")
        .param(id)
        .update();

    reconciler.afterStart();
    reconciler.afterStart();

    JsonNode generation = api.get("/v1/generations/" + id, key).body();
    assertThat(generation.path("status").asText()).isEqualTo("failed");
    assertThat(generation.path("error").path("code").asText()).isEqualTo("INTERRUPTED");
    JsonNode credits = api.get("/v1/me", key).body().path("credits");
    assertThat(credits.path("reserved").asLong()).isZero();
    assertThat(credits.path("balance").asLong()).isEqualTo(100);
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

  private static String step(JsonNode generation, String name) {
    for (JsonNode step : generation.path("steps")) {
      if (step.path("name").asText().equals(name)) {
        return step.path("status").asText();
      }
    }
    return "absent";
  }
}
