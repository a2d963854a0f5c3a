package dev.cadenza.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadenza.api.reconcile.Reconciler;
import dev.cadenza.credits.CreditLedger;
import dev.cadenza.credits.LedgerAudit;
import dev.cadenza.workflows.TaskQueues;
import dev.cadenza.workflows.credits.ReserveUpdate;
import dev.cadenza.workflows.generation.GenerationType;
import dev.cadenza.workflows.image.ImageGenerationRequest;
import dev.cadenza.workflows.image.ImageGenerationWorkflow;
import dev.cadenza.workflows.image.ImageInput;
import dev.cadenza.workflows.visibility.GenerationSearchAttributes;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Submission by Update-With-Start, on the real Temporal dev server: the workflow's {@code reserve}
 * update is the only writer of a hold, so a refused request leaves no workflow running and
 * nothing held, and a workflow whose update never came holds nothing.
 */
class ReserveUpdateEndToEndTest extends EmbeddedStackTest {
  private static final String SONG = "{\"type\":\"song\",\"input\":{\"description\":\"rain\"}}";

  @Autowired
  DataSource dataSource;

  @Autowired
  WorkflowClient temporal;

  @Autowired
  CreditLedger ledger;

  @Autowired
  Reconciler reconciler;

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
  void a402LeavesTheRefusedWorkflowClosedAndNothingHeld() {
    String key = api.signUp(5);
    String userId = api.get("/v1/me", key).body().path("id").asText();

    ApiClient.Response refused = api.post("/v1/generations", key, SONG);

    assertThat(refused.status()).isEqualTo(402);
    assertThat(refused.body().path("code").asText()).isEqualTo("INSUFFICIENT_CREDITS");
    assertThat(refused.body().path("detail").asText()).contains("5 are available");
    // The workflow was started (with the update), answered "not held" and ended at once.
    List<WorkflowExecutionMetadata> workflows = workflowsOf(userId, 1);
    assertThat(workflows)
        .extracting(WorkflowExecutionMetadata::getStatus)
        .containsExactly(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    assertThat(api.get("/v1/generations", key).body().path("data")).isEmpty();
    JsonNode credits = api.get("/v1/me", key).body().path("credits");
    assertThat(credits.path("balance").asLong()).isEqualTo(5);
    assertThat(credits.path("reserved").asLong()).isZero();
    assertThat(ledger.heldReservations()).noneMatch(r -> r.userId().equals(userId));
  }

  @Test
  void aBatchWithOneUnaffordableItemStartsNoGenerationWorkflowAtAll() {
    String key = api.signUp(11);
    String userId = api.get("/v1/me", key).body().path("id").asText();
    String image = "{\"type\":\"image\",\"input\":{\"prompt\":\"a red fox\"}}";

    // The image alone is affordable; with the song the batch is not: nothing is held or started.
    ApiClient.Response refused =
        api.post("/v1/batches", key, "{\"items\":[" + image + "," + SONG + "]}");

    assertThat(refused.status()).isEqualTo(402);
    assertThat(refused.body().path("code").asText()).isEqualTo("INSUFFICIENT_CREDITS");
    assertThat(api.get("/v1/generations", key).body().path("data")).isEmpty();
    assertThat(api.get("/v1/me", key).body().path("credits").path("reserved").asLong())
        .isZero();
    // Nothing is findable by the user's attribute: the batch's items were never started.
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> workflowsNow(userId).isEmpty());

    ApiClient.Response held = api.post("/v1/batches", key, "{\"items\":[" + image + "]}");
    assertThat(held.status()).isEqualTo(201);
    String id = held.body().path("generations").get(0).path("id").asText();
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(() ->
            api.get("/v1/generations/" + id, key).body().path("completedAt").isTextual());
    assertThat(api.get("/v1/generations/" + id, key).body().path("status").asText())
        .isEqualTo("succeeded");
  }

  @Test
  void aWorkflowWhoseUpdateNeverCameHoldsNothingAndShowsNothing() {
    String key = api.signUp(100);
    String userId = api.get("/v1/me", key).body().path("id").asText();
    String generationId = "gen_" + Long.toHexString(System.nanoTime()) + "0000";
    // As the API does, but it "dies" before the update is sent: the start alone.
    ImageGenerationWorkflow workflow = temporal.newWorkflowStub(
        ImageGenerationWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(ImageGenerationWorkflow.ID_PREFIX + generationId)
            .setTaskQueue(TaskQueues.GENERATIONS)
            .setTypedSearchAttributes(
                GenerationSearchAttributes.queued(GenerationType.IMAGE, userId))
            .setMemo(Map.of(ReserveUpdate.MEMO, ReserveUpdate.MEMO_VALUE))
            .build());
    WorkflowClient.start(
        workflow::generate,
        new ImageGenerationRequest(
            generationId, userId, 2, new ImageInput("a red fox", 512, 512, 1), 2));
    try {
      // It waits for an update that will not come, holding nothing; nothing is shown either.
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(5))
          .until(() ->
              api.get("/v1/me", key).body().path("credits").path("reserved").asLong() == 0);
      assertThat(api.get("/v1/generations", key).body().path("data")).isEmpty();
      assertThat(ledger.reservation(generationId)).isEmpty();
      // And the reconciler has nothing of it to clean up.
      Reconciler.Report report = reconciler.reconcile(Instant.now());
      assertThat(report.failedGenerations()).doesNotContain(generationId);
    } finally {
      WorkflowStub.fromTyped(workflow).terminate("test done");
    }
  }

  private List<WorkflowExecutionMetadata> workflowsOf(String userId, int expected) {
    List<WorkflowExecutionMetadata>[] found = new List[1];
    // Visibility lags the workflow a little on the dev server.
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
      found[0] = workflowsNow(userId);
      return found[0].size() == expected
          && found[0].stream()
              .noneMatch(
                  w -> w.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    });
    return found[0];
  }

  private List<WorkflowExecutionMetadata> workflowsNow(String userId) {
    return temporal.listExecutions("UserId = '" + userId + "'").toList();
  }
}
