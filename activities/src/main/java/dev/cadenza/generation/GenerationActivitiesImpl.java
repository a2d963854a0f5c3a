package dev.cadenza.generation;

import static dev.cadenza.generation.events.GenerationEventType.CANCELED;
import static dev.cadenza.generation.events.GenerationEventType.COMPLETED;
import static dev.cadenza.generation.events.GenerationEventType.FAILED;
import static dev.cadenza.generation.events.GenerationEventType.STATUS;
import static dev.cadenza.generation.events.GenerationEventType.STEP_COMPLETED;

import dev.cadenza.generation.events.GenerationEvents;
import dev.cadenza.workflows.generation.GenerationActivities;
import dev.cadenza.workflows.generation.GenerationFailure;
import dev.cadenza.workflows.generation.GenerationResult;
import dev.cadenza.workflows.generation.StepState;
import dev.cadenza.workflows.publication.PublicationChange;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes what the workflows decide into the generations read model, and appends the matching
 * status event in the same transaction: an event is there exactly when its change is.
 */
@Component("generationActivities")
public class GenerationActivitiesImpl implements GenerationActivities {
  private static final Logger log = LoggerFactory.getLogger(GenerationActivitiesImpl.class);
  /** The step of {@link #publishResult}, as the workflow names it. */
  private static final String PUBLISH_STEP = "publishResult";

  private final GenerationStore store;
  private final OutputDocument documents;
  private final GenerationEvents events;
  private final TransactionTemplate tx;
  private final GenerationMetrics metrics;

  public GenerationActivitiesImpl(
      GenerationStore store,
      OutputDocument documents,
      GenerationEvents events,
      PlatformTransactionManager transactions,
      GenerationMetrics metrics) {
    this.store = store;
    this.documents = documents;
    this.events = events;
    this.tx = new TransactionTemplate(transactions);
    this.metrics = metrics;
  }

  @Override
  public void markRunning(String generationId) {
    tx.executeWithoutResult(t -> {
      if (store.markRunning(generationId)) {
        events.emit(generationId, STATUS, GenerationEvents.status("running"));
      }
    });
  }

  @Override
  public void publishResult(GenerationResult result) {
    String id = result.generationId();
    boolean written = tx.execute(t -> {
      if (!store.succeed(id, documents.output(result.output()), documents.steps(result.steps()))) {
        return false;
      }
      // This step ends with the generation: its completion goes before the terminal event,
      // after which nothing is appended (and the stream ends).
      events.emit(id, STEP_COMPLETED, GenerationEvents.step(PUBLISH_STEP));
      events.emit(id, COMPLETED, GenerationEvents.outcome("succeeded", null, null));
      return true;
    });
    if (!written) {
      log.warn("Generation {} was already closed; result not written", id);
      return;
    }
    measure(id, result.steps());
  }

  @Override
  public void recordFailure(GenerationFailure failure) {
    GenerationStatus status =
        failure.canceled() ? GenerationStatus.CANCELED : GenerationStatus.FAILED;
    boolean written = tx.execute(t -> {
      if (!store.fail(
          failure.generationId(),
          status,
          failure.code(),
          failure.message(),
          documents.steps(failure.steps()))) {
        return false;
      }
      events.emit(
          failure.generationId(),
          failure.canceled() ? CANCELED : FAILED,
          GenerationEvents.outcome(status.dbValue(), failure.code(), failure.message()));
      return true;
    });
    if (written) {
      measure(failure.generationId(), failure.steps());
    }
    log.info(
        "Generation {} {}: {} {}",
        failure.generationId(),
        status.dbValue(),
        failure.code(),
        failure.message());
  }

  @Override
  public void recordPublication(PublicationChange change) {
    boolean written = store.replacePublication(
        change.generationId(), change.index(), documents.publication(change.publication()));
    log.info(
        "Generation {} publication {}: {}{}",
        change.generationId(),
        change.index(),
        change.publication().status(),
        written ? "" : " (not written: no such succeeded render)");
  }

  /** After the commit, so only endings that stuck are counted; never fails the activity. */
  private void measure(String id, List<StepState> steps) {
    try {
      store.find(id).ifPresent(g -> metrics.ended(g, steps));
    } catch (RuntimeException e) {
      log.warn("Generation {} not measured: {}", id, e.toString());
    }
  }
}
