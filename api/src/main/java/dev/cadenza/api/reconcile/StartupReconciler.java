package dev.cadenza.api.reconcile;

import dev.cadenza.api.generation.GenerationService;
import dev.cadenza.credits.CreditLedger;
import dev.cadenza.credits.Reservation;
import dev.cadenza.generation.Generation;
import dev.cadenza.generation.GenerationStatus;
import dev.cadenza.generation.GenerationStore;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At start, closes what a restart left open. The embedded Temporal keeps workflows in memory, so
 * after a restart a generation can be {@code queued}/{@code running} with no workflow behind it
 * and its credits still held. Such generations are failed and their holds released, once; holds
 * whose generation already ended are released too.
 */
@Component
public class StartupReconciler {
  private static final Logger log = LoggerFactory.getLogger(StartupReconciler.class);
  private final GenerationStore store;
  private final GenerationService generations;
  private final CreditLedger ledger;
  private final WorkflowClient temporal;
  /** Only what existed before this process started is looked at, never requests it is serving. */
  private final Instant bootedAt = Instant.now();

  public StartupReconciler(
      GenerationStore store,
      GenerationService generations,
      CreditLedger ledger,
      WorkflowClient temporal) {
    this.store = store;
    this.generations = generations;
    this.ledger = ledger;
    this.temporal = temporal;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void reconcile() {
    int failed = 0;
    int released = 0;
    for (Generation generation : store.open()) {
      if (generation.createdAt().isBefore(bootedAt) && !workflowRunning(generation.workflowId())) {
        generations.closeOrphan(
            generation,
            GenerationStatus.FAILED,
            "INTERRUPTED",
            "The service restarted while this generation ran; its credits were released.");
        failed++;
      }
    }
    for (Reservation hold : ledger.heldReservations()) {
      Optional<Generation> owner = store.find(hold.id());
      boolean stray =
          hold.createdAt().isBefore(bootedAt) && owner.map(Generation::terminal).orElse(true);
      if (stray && ledger.release(hold.id())) {
        released++;
      }
    }
    if (failed + released > 0) {
      log.warn(
          "Reconciled after restart: {} orphaned generation(s) failed, {} stray hold(s) released",
          failed,
          released);
    }
  }

  private boolean workflowRunning(String workflowId) {
    try {
      return temporal.newUntypedWorkflowStub(workflowId).describe().getStatus()
          == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
  }
}
