package dev.cadenza.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadenza.credits.LedgerAudit;
import dev.cadenza.testsupport.LocalHttpServer;
import dev.cadenza.workflows.render.RenderWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Scheduled publication of API.md over HTTP on the embedded stack: a render's {@code publishTo}
 * target with {@code at} waits for its time after the generation succeeded (charged once, its
 * lane slot free), and can be canceled until then. Receivers run on 127.0.0.1, which the test
 * configuration allows.
 */
class ScheduledPublicationEndToEndTest extends EmbeddedStackTest {
  private static final String TIMELINE = """
      {"width": 160, "height": 120, "fps": 12, "durationSeconds": 1,
       "tracks": [{"type": "video", "clips": [{"start": 0, "duration": 1, "color": "#204060"}]}]}""";

  @Autowired
  DataSource dataSource;

  @Autowired
  WorkflowClient temporal;

  private ApiClient api;
  private final LocalHttpServer receiver = new LocalHttpServer();
  private final List<Instant> arrivals = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    api = new ApiClient(port);
    receiver.serve("/now", 204, null, new byte[0]);
    receiver.on("/later", exchange -> {
      arrivals.add(Instant.now());
      LocalHttpServer.respond(exchange, 204, null, new byte[0]);
    });
  }

  @AfterEach
  void tearDown() {
    receiver.close();
    assertThat(new LedgerAudit(dataSource).violations()).isEmpty();
  }

  @Test
  void aScheduledPublicationIsDeliveredAtItsTimeAfterTheRenderSucceededAndWasCharged() {
    String key = api.signUp(20);
    String userId = api.get("/v1/me", key).body().path("id").asText();
    api.put(
        "/v1/admin/users/" + userId + "/concurrency",
        EmbeddedStackTest.ADMIN,
        "{\"maxConcurrent\":1}");
    // Far enough ahead for the render and a second one to finish first on a loaded machine.
    Instant at = Instant.now().plusSeconds(20).truncatedTo(ChronoUnit.SECONDS);
    String id = create(key, """
        [{"platform": "webhook", "url": "%s"},
         {"platform": "webhook", "url": "%s", "at": "%s"}]""".formatted(receiver.url("/now"), receiver.url("/later"), at));

    JsonNode render = awaitGeneration(key, id, g -> g.path("status").asText().equals("succeeded"));
    JsonNode publications = render.path("output").path("publications");
    assertThat(publications.get(0).path("status").asText()).isEqualTo("delivered");
    assertThat(publications.get(1).path("status").asText()).isEqualTo("scheduled");
    assertThat(publications.get(1).path("at").asText()).isEqualTo(at.toString());
    assertThat(render.path("input").path("publishTo").get(1).path("at").asText())
        .isEqualTo(at.toString());
    assertSpentOnce(key, id, 15);
    // Succeeded means ended: not cancelable, and the user's only slot is free again.
    assertThat(api.post("/v1/generations/" + id + "/cancel", key, "")
            .body()
            .path("code")
            .asText())
        .isEqualTo("NOT_CANCELABLE");
    String next = create(key, "[]");
    awaitGeneration(key, next, g -> g.path("status").asText().equals("succeeded"));
    assertThat(api.get("/v1/generations/" + id, key)
            .body()
            .path("output")
            .path("publications")
            .get(1)
            .path("status")
            .asText())
        .as("the second render finished within the first one's wait")
        .isEqualTo("scheduled");
    assertThat(arrivals).isEmpty();

    JsonNode delivered = awaitGeneration(
        key,
        id,
        g -> g.path("output")
            .path("publications")
            .get(1)
            .path("status")
            .asText()
            .equals("delivered"));

    assertThat(arrivals).singleElement().satisfies(t -> assertThat(t).isAfterOrEqualTo(at));
    assertThat(delivered
            .path("output")
            .path("publications")
            .get(1)
            .path("responseStatus")
            .asInt())
        .isEqualTo(204);
    assertThat(delivered.path("status").asText()).isEqualTo("succeeded");
    JsonNode tooLate =
        api.delete("/v1/generations/" + id + "/publications/1", key).body();
    assertThat(tooLate.path("status").asInt()).isEqualTo(409);
    assertThat(tooLate.path("code").asText()).isEqualTo("NOT_CANCELABLE");
    assertThat(api.delete("/v1/generations/" + id + "/publications/0", key).status())
        .isEqualTo(409);
    assertSpentTwice(key);
  }

  @Test
  void aCanceledPublicationIsNeverDeliveredAndOnlyItsOwnerCanCancelIt() {
    String key = api.signUp(20);
    Instant at = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    String id = create(
        key, """
        [{"platform": "webhook", "url": "%s", "at": "%s"},
         {"platform": "webhook", "url": "%s", "at": "%s"}]""".formatted(receiver.url("/later"), at, receiver.url("/later"), at.plusSeconds(60)));
    awaitGeneration(key, id, g -> g.path("status").asText().equals("succeeded"));
    String path = "/v1/generations/" + id + "/publications/";

    ApiClient.Response canceled = api.delete(path + "0", key);

    assertThat(canceled.status()).isEqualTo(200);
    assertThat(canceled.body().path("status").asText()).isEqualTo("succeeded");
    assertThat(canceled
            .body()
            .path("output")
            .path("publications")
            .get(0)
            .path("status")
            .asText())
        .isEqualTo("canceled");
    assertThat(canceled
            .body()
            .path("output")
            .path("publications")
            .get(1)
            .path("status")
            .asText())
        .isEqualTo("scheduled");
    assertThat(api.delete(path + "0", key).status()).as("again").isEqualTo(200);
    assertThat(api.delete(path + "2", key).body().path("code").asText()).isEqualTo("NOT_FOUND");
    assertThat(api.delete(path + "-1", key).status()).isEqualTo(404);
    assertThat(api.delete(path + "first", key).status()).isEqualTo(404);
    assertThat(api.delete(path + "1", api.signUp(0)).status()).isEqualTo(404);
    assertThat(api.delete("/v1/generations/gen_missing/publications/0", key).status())
        .isEqualTo(404);

    // The last one canceled ends the workflow; the read model answers from then on.
    assertThat(api.delete(path + "1", key).status()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(api.delete(path + "1", key).body().path("output").path("publications"))
                .extracting(p -> p.path("status").asText())
                .containsExactly("canceled", "canceled"));
    assertThat(arrivals).isEmpty();
    assertSpentOnce(key, id, 15);
  }

  @Test
  void anOperatorsCancelOfTheWorkflowCallsOffItsWaitingPublicationsAndKeepsTheRenderPaid() {
    String key = api.signUp(20);
    Instant at = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    String id = create(key, """
        [{"platform": "webhook", "url": "%s"},
         {"platform": "webhook", "url": "%s", "at": "%s"},
         {"platform": "webhook", "url": "%s", "at": "%s"}]""".formatted(
            receiver.url("/now"),
            receiver.url("/later"),
            at,
            receiver.url("/later"),
            at.plusSeconds(60)));
    awaitGeneration(key, id, g -> g.path("status").asText().equals("succeeded"));
    WorkflowStub workflow = temporal.newUntypedWorkflowStub(RenderWorkflow.ID_PREFIX + id);

    // What the Temporal UI's "Request Cancellation" and `temporal workflow cancel` send.
    workflow.cancel();

    assertThatThrownBy(() -> workflow.getResult(10, TimeUnit.SECONDS, JsonNode.class))
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
    JsonNode render = api.get("/v1/generations/" + id, key).body();
    assertThat(render.path("status").asText()).isEqualTo("succeeded");
    assertThat(render.path("output").path("publications"))
        .extracting(p -> p.path("status").asText())
        .containsExactly("delivered", "canceled", "canceled");
    assertThat(render.path("output").path("publications").get(1).path("at").asText())
        .isEqualTo(at.toString());
    // The user's cancel of one of them answers as for any canceled publication.
    ApiClient.Response again = api.delete("/v1/generations/" + id + "/publications/1", key);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again
            .body()
            .path("output")
            .path("publications")
            .get(1)
            .path("status")
            .asText())
        .isEqualTo("canceled");
    assertThat(arrivals).isEmpty();
    assertSpentOnce(key, id, 15);
    assertThat(api.get("/v1/credits/transactions", key).body().path("data"))
        .extracting(t -> t.path("type").asText())
        .doesNotContain("refund");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"2020-01-01T00:00:00Z\"",
        "\"+40d\"",
        "\"2026-12-24 18:00\"",
        "\"2026-12-24T18:00Z\"",
        "\"2026-12-24T18:00:00\"",
        "\"tomorrow\"",
        "1767225600"
      })
  void aTimeInThePastTooFarAheadOrNotRfc3339Is422AndCreatesNothing(String at) {
    String value = at.equals("\"+40d\"")
        ? "\"" + Instant.now().plus(Duration.ofDays(40)).truncatedTo(ChronoUnit.SECONDS) + "\""
        : at;
    String key = api.signUp(20);

    ApiClient.Response refused =
        api.post("/v1/generations", key, """
        {"type": "render", "input": {"timeline": %s,
          "publishTo": [{"platform": "webhook", "url": "%s", "at": %s}]}}""".formatted(TIMELINE, receiver.url("/later"), value));

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body().path("code").asText()).isEqualTo("VALIDATION_FAILED");
    assertThat(refused.body().path("errors"))
        .extracting(e -> e.path("field").asText())
        .containsExactly("input.publishTo[0].at");
    assertThat(api.get("/v1/generations", key).body().path("data")).isEmpty();
    assertThat(api.get("/v1/me", key).body().path("credits").path("reserved").asLong())
        .isZero();
  }

  private String create(String key, String publishTo) {
    ApiClient.Response created =
        api.post("/v1/generations", key, """
        {"type": "render", "input": {"timeline": %s, "publishTo": %s}}""".formatted(TIMELINE, publishTo));
    assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
    return created.body().path("id").asText();
  }

  private JsonNode awaitGeneration(
      String key, String id, java.util.function.Predicate<JsonNode> until) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
      last[0] = api.get("/v1/generations/" + id, key).body();
      return until.test(last[0]);
    });
    return last[0];
  }

  private void assertSpentOnce(String key, String id, long balance) {
    JsonNode account = api.get("/v1/me", key).body().path("credits");
    assertThat(account.path("balance").asLong()).isEqualTo(balance);
    assertThat(account.path("reserved").asLong()).isZero();
    assertThat(api.get("/v1/credits/transactions", key).body().path("data"))
        .filteredOn(t -> t.path("type").asText().equals("spend"))
        .singleElement()
        .satisfies(t -> assertThat(t.path("referenceId").asText()).isEqualTo(id));
  }

  private void assertSpentTwice(String key) {
    JsonNode account = api.get("/v1/me", key).body().path("credits");
    assertThat(account.path("balance").asLong()).isEqualTo(10);
    assertThat(account.path("reserved").asLong()).isZero();
    assertThat(api.get("/v1/credits/transactions", key).body().path("data"))
        .filteredOn(t -> t.path("type").asText().equals("spend"))
        .hasSize(2);
  }
}
