package dev.cadenza.api.generation;

import dev.cadenza.workflows.TaskQueues;
import dev.cadenza.workflows.batch.BatchItem;
import dev.cadenza.workflows.batch.BatchWorkflow;
import dev.cadenza.workflows.credits.Admission;
import dev.cadenza.workflows.credits.ReserveAnswer;
import dev.cadenza.workflows.credits.ReserveUpdate;
import dev.cadenza.workflows.generation.GenerationWorkflow;
import dev.cadenza.workflows.visibility.GenerationSearchAttributes;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.common.SearchAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Starts a generation's workflow, or a batch's, and sends its {@code reserve} update in the same
 * call (Update-With-Start, as samples-java {@code earlyreturn}), then waits for the answer: the
 * workflow, not the API, writes the rows and holds. The workflow id is the business id and a
 * retried call attaches to the running workflow ({@code USE_EXISTING}), whose update answers
 * again without holding twice.
 */
@Component
class ReserveStarts {
  private static final Logger log = LoggerFactory.getLogger(ReserveStarts.class);

  /**
   * How long a request waits for the answer: the update itself gives up within 20 s (a database
   * outage); this also covers a workflow worker that is not there.
   */
  static final Duration ANSWER = Duration.ofSeconds(30);

  /** The start or its answer failed; the workflow was stopped if it could be. */
  static final class StartFailed extends RuntimeException {
    StartFailed(Exception cause) {
      super(cause);
    }
  }

  private final WorkflowClient temporal;
  private final Duration answer;

  @Autowired
  ReserveStarts(WorkflowClient temporal) {
    this(temporal, ANSWER);
  }

  /** @param answer how long to wait for the update's answer (tests shorten it) */
  ReserveStarts(WorkflowClient temporal, Duration answer) {
    this.temporal = temporal;
    this.answer = answer;
  }

  /** One generation's own workflow. */
  ReserveAnswer generation(BatchItem workflow, Admission admission) {
    return start(
        workflow, GenerationSearchAttributes.queued(workflow.type(), workflow.userId()), admission);
  }

  /** A batch's workflow: it starts the items' own workflows once its update has held them all. */
  ReserveAnswer batch(String batchId, List<BatchItem> items, Admission admission) {
    BatchItem first = items.get(0);
    BatchItem batch = new BatchItem(
        BatchWorkflow.class.getSimpleName(),
        BatchWorkflow.ID_PREFIX + batchId,
        first.type(),
        first.userId(),
        "batch of " + items.size() + " generations",
        items);
    return start(batch, SearchAttributes.EMPTY, admission);
  }

  private ReserveAnswer start(
      BatchItem workflow, SearchAttributes attributes, Admission admission) {
    WorkflowStub stub = temporal.newUntypedWorkflowStub(
        workflow.workflowType(),
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflow.workflowId())
            .setTaskQueue(TaskQueues.GENERATIONS)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .setWorkflowIdConflictPolicy(
                WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
            // Findable from the start, before a worker has picked it up.
            .setTypedSearchAttributes(attributes)
            .setStaticSummary(workflow.summary())
            // Tells the workflow that its reserve update comes with the start: it waits for it.
            .setMemo(Map.of(ReserveUpdate.MEMO, ReserveUpdate.MEMO_VALUE))
            .build());
    UpdateOptions<ReserveAnswer> reserve = UpdateOptions.newBuilder(ReserveAnswer.class)
        .setUpdateName(GenerationWorkflow.RESERVE_UPDATE)
        .setWaitForStage(WorkflowUpdateStage.COMPLETED)
        .build();
    // The SDK's call itself waits for the update (60 s long polls, repeated while the update is
    // not yet accepted: forever when no workflow worker runs), so the bound is a gRPC deadline on
    // everything the call does, not only on getResult.
    try {
      return GrpcDeadline.within(
          answer,
          () -> stub.startUpdateWithStart(
                  reserve, new Object[] {admission}, new Object[] {workflow.argument()})
              .getResult(answer.toMillis(), TimeUnit.MILLISECONDS));
    } catch (Exception e) {
      log.error("Could not start workflow {} and hold its credits", workflow.workflowId(), e);
      try {
        // By id: a start that failed leaves the stub without an execution to terminate. The id
        // is this request's own (a new generation id), so no other request's run is stopped.
        temporal
            .newUntypedWorkflowStub(workflow.workflowId())
            .terminate("The API could not get the answer of its reserve update");
      } catch (WorkflowNotFoundException notStarted) {
        // The start itself did not happen: nothing to stop.
      } catch (RuntimeException stopping) {
        log.warn("Could not stop workflow {}", workflow.workflowId(), stopping);
      }
      throw new StartFailed(e);
    }
  }
}
