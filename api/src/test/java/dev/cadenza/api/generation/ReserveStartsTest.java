package dev.cadenza.api.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cadenza.workflows.batch.BatchItem;
import dev.cadenza.workflows.credits.Admission;
import dev.cadenza.workflows.credits.AdmittedGeneration;
import dev.cadenza.workflows.generation.GenerationType;
import dev.cadenza.workflows.song.SongGenerationWorkflow;
import dev.cadenza.workflows.visibility.GenerationSearchAttributes;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The 503 path of a submission: when no workflow worker answers the {@code reserve} update in
 * time, the start fails and the workflow it started is stopped, so that nothing runs later and
 * holds credits the user was told were not charged.
 */
class ReserveStartsTest {
  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void startServer() {
    env = TestWorkflowEnvironment.newInstance();
    GenerationSearchAttributes.ALL.forEach(
        key -> env.registerSearchAttribute(key.getName(), key.getValueType()));
    client = env.getWorkflowClient();
    // No worker polls the workflows' task queue: the update can never be answered.
    env.start();
  }

  @AfterEach
  void stopServer() {
    env.close();
  }

  @Test
  void anUnansweredReserveFailsTheStartAndStopsItsWorkflow() {
    ReserveStarts starts = new ReserveStarts(client, Duration.ofSeconds(2));
    String workflowId = "song-gen_unanswered";
    BatchItem item = new BatchItem(
        SongGenerationWorkflow.class.getSimpleName(),
        workflowId,
        GenerationType.SONG,
        "usr_1",
        "song of 10 credits",
        Map.of("generationId", "gen_unanswered"));
    Admission admission = new Admission(List.of(new AdmittedGeneration(
        "gen_unanswered",
        "usr_1",
        GenerationType.SONG,
        workflowId,
        "{}",
        10,
        null,
        List.of(),
        null)));

    long started = System.nanoTime();
    assertThatThrownBy(() -> starts.generation(item, admission))
        .isInstanceOf(ReserveStarts.StartFailed.class);
    // Within its bound (the SDK alone would wait 60 s and more), so the request can answer 503.
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));

    WorkflowExecutionStatus status = client
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
            .setNamespace(client.getOptions().getNamespace())
            .setExecution(
                io.temporal.api.common.v1.WorkflowExecution.newBuilder().setWorkflowId(workflowId))
            .build())
        .getWorkflowExecutionInfo()
        .getStatus();
    assertThat(status).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
  }
}
