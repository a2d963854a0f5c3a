package dev.cadenza.workflows.batch;

import dev.cadenza.workflows.credits.Admission;
import dev.cadenza.workflows.credits.ReserveAnswer;
import dev.cadenza.workflows.credits.ReserveUpdate;
import dev.cadenza.workflows.visibility.GenerationSearchAttributes;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.ChildWorkflowStub;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

public class BatchWorkflowImpl implements BatchWorkflow {
  private final ReserveUpdate admission = new ReserveUpdate();
  private boolean itemsStarted;

  @Override
  public void start(List<BatchItem> items) {
    if (!admission.awaitHeld()) {
      return;
    }
    List<Promise<WorkflowExecution>> started = new ArrayList<>();
    for (BatchItem item : items) {
      ChildWorkflowStub child = Workflow.newUntypedChildWorkflowStub(
          item.workflowType(),
          ChildWorkflowOptions.newBuilder()
              .setWorkflowId(item.workflowId())
              // The batch's own task queue: the one generation workflows are started on.
              // Each generation lives on alone, cancelable by its own id, as if started alone.
              .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
              .setTypedSearchAttributes(
                  GenerationSearchAttributes.queued(item.type(), item.userId()))
              .setStaticSummary(item.summary())
              .build());
      child.executeAsync(Object.class, item.argument());
      started.add(child.getExecution());
    }
    // Ending before a child has started would abandon the start itself.
    Promise.allOf(started).get();
    itemsStarted = true;
  }

  @Override
  public ReserveAnswer reserve(Admission request) {
    ReserveAnswer answer = admission.admit(request);
    if (answer.held()) {
      // The API answers 201 once this returns: each item's workflow must exist by then, or a
      // cancel sent right after would find no workflow and close the generation as an orphan
      // while the batch still starts it.
      Workflow.await(() -> itemsStarted);
    }
    return answer;
  }
}
