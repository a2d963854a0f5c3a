package dev.cadenza.api.generation;

import dev.cadenza.api.problem.ApiException;
import dev.cadenza.credits.CreditLedger;
import dev.cadenza.generation.Generation;
import dev.cadenza.generation.GenerationMetrics;
import dev.cadenza.generation.GenerationStatus;
import dev.cadenza.generation.GenerationStore;
import dev.cadenza.generation.OutputDocument;
import dev.cadenza.generation.StepHistory;
import dev.cadenza.generation.events.GenerationEventType;
import dev.cadenza.generation.events.GenerationEvents;
import dev.cadenza.workflows.generation.GenerationSteps;
import dev.cadenza.workflows.generation.StepState;
import dev.cadenza.workflows.generation.StepStatus;
import dev.cadenza.workflows.lane.UserLaneWorkflow;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How a generation ends outside its workflow's own steps: a user's cancel (which asks the workflow
 * to cancel, or ends the generation here when its workflow is gone), and the closing of an orphan
 * (a generation whose workflow no longer exists, for the reconciler and a failed start), which
 * releases its hold and frees its lane slot.
 */
@Service
public class GenerationEndings {
  private static final Logger log = LoggerFactory.getLogger(GenerationEndings.class);

  /** How long the reconciler waits for a closed workflow's history before reading the log. */
  private static final Duration HISTORY_BOUND = Duration.ofSeconds(5);

  private final GenerationStore store;
  private final CreditLedger ledger;
  private final WorkflowClient temporal;
  private final TransactionTemplate tx;
  private final GenerationEvents events;
  private final GenerationMetrics metrics;
  private final StepHistory history;
  private final OutputDocument documents;

  public GenerationEndings(
      GenerationStore store,
      CreditLedger ledger,
      WorkflowClient temporal,
      PlatformTransactionManager transactions,
      GenerationEvents events,
      GenerationMetrics metrics,
      StepHistory history,
      OutputDocument documents) {
    this.store = store;
    this.ledger = ledger;
    this.temporal = temporal;
    this.tx = new TransactionTemplate(transactions);
    this.events = events;
    this.metrics = metrics;
    this.history = history;
    this.documents = documents;
  }

  public Generation cancel(String userId, String id) {
    Generation generation = store
        .find(id)
        .filter(g -> g.userId().equals(userId))
        .orElseThrow(() -> ApiException.notFound("Generation " + id));
    if (generation.terminal()) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          "NOT_CANCELABLE",
          "Generation " + id + " cannot be canceled: it has already ended with status "
              + generation.status().dbValue()
              + ". Only a queued or running generation can be canceled.");
    }
    try {
      temporal.newUntypedWorkflowStub(generation.workflowId()).cancel();
    } catch (WorkflowNotFoundException e) {
      // Its workflow is gone (an embedded Temporal restarted): end it here, once.
      closeOrphan(
          generation, GenerationStatus.CANCELED, "CANCELED", "The generation was canceled.");
    }
    return store.find(id).orElseThrow();
  }

  /**
   * Ends a generation whose workflow no longer exists, and releases its hold.
   *
   * @return whether this call ended it; false when it had already ended (another process
   *     reconciling at the same time, or its workflow finishing after all)
   */
  public boolean closeOrphan(
      Generation generation, GenerationStatus status, String code, String message) {
    // No workflow will report its steps any more: the event log keeps how far each one got.
    return close(
        generation, status, code, message, history.of(generation.id(), unfinished(status)));
  }

  /**
   * Ends a generation whose workflow closed without an outcome (terminated by an operator, timed
   * out) and releases its hold. Its history is still there, so a step it had scheduled whose
   * activity had not started yet (not in the event log: on a busy activity queue that gap is
   * real) stays, ended as the generation did; when the history cannot be read, the event log
   * tells.
   *
   * @return as {@link #closeOrphan}
   */
  public boolean closeStopped(
      Generation generation, GenerationStatus status, String code, String message) {
    StepStatus unfinished = unfinished(status);
    List<StepState> steps = lastKnownSteps(generation)
        .map(known -> history.of(generation.id(), unfinished, known))
        .orElseGet(() -> history.of(generation.id(), unfinished));
    return close(generation, status, code, message, steps);
  }

  private static StepStatus unfinished(GenerationStatus status) {
    return status == GenerationStatus.CANCELED ? StepStatus.CANCELED : StepStatus.FAILED;
  }

  /**
   * The steps the closed workflow had scheduled, from its history (a read, bounded in time: a
   * query would need a worker to replay a terminated workflow, which the SDK refuses): each
   * activity that runs a step, completed or not. Local activities are not in it; the event log
   * has those.
   */
  private Optional<List<StepState>> lastKnownSteps(Generation generation) {
    try {
      List<HistoryEvent> history = GrpcDeadline.within(
          HISTORY_BOUND, () -> temporal.fetchHistory(generation.workflowId()).getEvents());
      Map<Long, StepState> scheduled = new LinkedHashMap<>();
      for (HistoryEvent event : history) {
        Instant at = Instant.ofEpochSecond(
            event.getEventTime().getSeconds(), event.getEventTime().getNanos());
        if (event.hasActivityTaskScheduledEventAttributes()) {
          String type =
              event.getActivityTaskScheduledEventAttributes().getActivityType().getName();
          GenerationSteps.ofActivity(type)
              .ifPresent(step -> scheduled.put(
                  event.getEventId(), new StepState(step, StepStatus.RUNNING, at, null)));
        } else if (event.hasActivityTaskCompletedEventAttributes()) {
          StepState step =
              scheduled.get(event.getActivityTaskCompletedEventAttributes().getScheduledEventId());
          if (step != null) {
            scheduled.put(
                event.getActivityTaskCompletedEventAttributes().getScheduledEventId(),
                new StepState(step.name(), StepStatus.SUCCEEDED, step.startedAt(), at));
          }
        }
      }
      return Optional.of(List.copyOf(scheduled.values()));
    } catch (Exception e) {
      log.info(
          "The history of {}'s closed workflow could not be read ({}); the event log tells",
          generation.id(),
          e.toString());
      return Optional.empty();
    }
  }

  private boolean close(
      Generation generation,
      GenerationStatus status,
      String code,
      String message,
      List<StepState> steps) {
    Boolean ended = tx.execute(t -> {
      boolean closed = store.fail(generation.id(), status, code, message, documents.steps(steps));
      if (closed) {
        GenerationEventType ending = status == GenerationStatus.CANCELED
            ? GenerationEventType.CANCELED
            : GenerationEventType.FAILED;
        events.emit(
            generation.id(), ending, GenerationEvents.outcome(status.dbValue(), code, message));
      }
      ledger.release(generation.id());
      return closed;
    });
    leaveLane(generation);
    if (Boolean.TRUE.equals(ended)) {
      store.find(generation.id()).ifPresent(g -> metrics.ended(g, steps));
    }
    return Boolean.TRUE.equals(ended);
  }

  /** Frees the slot (or queue place) of a generation whose workflow cannot any more. */
  private void leaveLane(Generation generation) {
    try {
      temporal
          .newWorkflowStub(UserLaneWorkflow.class, UserLaneWorkflow.idOf(generation.userId()))
          .leave(generation.id());
    } catch (WorkflowNotFoundException noLane) {
      // No lane runs for this user: nothing holds a slot.
    } catch (RuntimeException e) {
      log.warn("Could not free the lane slot of {}", generation.id(), e);
    }
  }
}
