package dev.cadenza.workflows.batch;

import dev.cadenza.workflows.credits.Admission;
import dev.cadenza.workflows.credits.ReserveAnswer;
import dev.cadenza.workflows.generation.GenerationWorkflow;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * A batch ({@code POST /v1/batches}), all or nothing: its {@code reserve} update writes the rows
 * and holds of every item in one transaction, then the workflow starts each item's own generation
 * workflow (a child that outlives it) and ends. Refused, it ends at once having started nothing.
 * Workflow id: {@code batch-<batchId>}.
 */
@WorkflowInterface
public interface BatchWorkflow {

  String ID_PREFIX = "batch-";

  /** Waits for the {@code reserve} update; once held, starts {@code items} and returns. */
  @WorkflowMethod
  void start(List<BatchItem> items);

  /** Rows and holds of every item, one transaction; see {@link GenerationWorkflow#reserve}. */
  @UpdateMethod(name = GenerationWorkflow.RESERVE_UPDATE)
  ReserveAnswer reserve(Admission admission);
}
