package dev.cadenza.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadenza.api.reconcile.Reconciler;
import dev.cadenza.credits.CreditLedger;
import dev.cadenza.credits.LedgerAudit;
import dev.cadenza.generation.events.GenerationEventType;
import dev.cadenza.generation.events.GenerationEvents;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A generation whose workflow can no longer report its steps (lost with a restart of the
 * in-memory Temporal, terminated by an operator) still shows them over HTTP once reconciled: the
 * steps as they were, the one that was running failed.
 */
class InterruptedStepsEndToEndTest extends EmbeddedStackTest {
  @Autowired
  DataSource dataSource;

  @Autowired
  CreditLedger ledger;

  @Autowired
  Reconciler reconciler;

  @Autowired
  GenerationEvents events;

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
  void aGenerationLostWithARestartKeepsItsStepsAndTheRunningOneFailed() {
    String key = api.signUp(100);
    String userId = api.get("/v1/me", key).body().path("id").asText();
    String id = "gen_lost" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    // What a restart of the embedded Temporal leaves: a running row, a hold and the event log of
    // a song that had held its credits and was writing its prompt; no workflow.
    JdbcClient.create(dataSource)
        .sql("insert into generations (id, user_id, type, status, workflow_id, input, cost,"
            + " created_at) values (?, ?, 'song', 'running', ?, '{}'::jsonb, 10,"
            + " now() - interval '1 hour')")
        .params(id, userId, "song-" + id)
        .update();
    ledger.reserve(id, userId, 10, "song " + id);
    events.append(id, GenerationEventType.STEP_STARTED, GenerationEvents.step("reserveCredits"));
    events.append(id, GenerationEventType.STEP_COMPLETED, GenerationEvents.step("reserveCredits"));
    events.append(id, GenerationEventType.STATUS, GenerationEvents.status("running"));
    events.append(id, GenerationEventType.STEP_STARTED, GenerationEvents.step("writePrompt"));

    reconciler.reconcile(Instant.now());

    JsonNode generation = api.get("/v1/generations/" + id, key).body();
    assertThat(generation.path("error").path("code").asText()).isEqualTo("INTERRUPTED");
    assertThat(statuses(generation))
        .containsExactly("reserveCredits succeeded", "writePrompt failed");
    JsonNode prompt = generation.path("steps").path(1);
    assertThat(prompt.path("startedAt").isTextual()).isTrue();
    assertThat(prompt.path("attempts").asInt()).isEqualTo(1);
    JsonNode listed =
        api.get("/v1/generations?limit=100", key).body().path("data").path(0);
    assertThat(statuses(listed)).as("the list shows the same").isEqualTo(statuses(generation));
  }

  @Test
  void aGenerationTerminatedByAnOperatorKeepsItsStepsAsTheyWere() {
    String key = api.signUp(100);
    String id = api.post(
            "/v1/generations",
            key,
            "{\"type\":\"song\",\"input\":{\"description\":\"a long ambient piece\"}}")
        .body()
        .path("id")
        .asText();
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(() ->
            statuses(api.get("/v1/generations/" + id, key).body()).contains("writePrompt running"));

    temporal.newUntypedWorkflowStub("song-" + id).terminate("stopped from the Temporal UI");
    reconciler.reconcile(Instant.now());

    JsonNode generation = api.get("/v1/generations/" + id, key).body();
    assertThat(generation.path("error").path("code").asText()).isEqualTo("TERMINATED");
    List<String> steps = statuses(generation);
    assertThat(steps).startsWith("reserveCredits succeeded");
    assertThat(steps).anyMatch(s -> s.startsWith("writePrompt "));
    assertThat(steps).filteredOn(s -> s.endsWith(" failed")).hasSize(1);
    assertThat(steps).noneMatch(s -> s.endsWith(" running") || s.endsWith(" pending"));
  }

  /** {@code "name status"} of each step, in order. */
  private static List<String> statuses(JsonNode generation) {
    List<String> steps = new ArrayList<>();
    generation
        .path("steps")
        .forEach(s -> steps.add(s.path("name").asText() + " " + s.path("status").asText()));
    return steps;
  }
}
