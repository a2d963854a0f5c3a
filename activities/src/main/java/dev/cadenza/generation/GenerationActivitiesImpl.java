package dev.cadenza.generation;

import dev.cadenza.workflows.generation.GenerationActivities;
import dev.cadenza.workflows.generation.GenerationFailure;
import dev.cadenza.workflows.generation.GenerationResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Writes what the workflows decide into the generations read model. */
@Component("generationActivities")
public class GenerationActivitiesImpl implements GenerationActivities {
  private static final Logger log = LoggerFactory.getLogger(GenerationActivitiesImpl.class);
  private final GenerationStore store;
  private final OutputDocument documents;

  public GenerationActivitiesImpl(GenerationStore store, OutputDocument documents) {
    this.store = store;
    this.documents = documents;
  }

  @Override
  public void markRunning(String generationId) {
    store.markRunning(generationId);
  }

  @Override
  public void publishResult(GenerationResult result) {
    if (!store.succeed(
        result.generationId(),
        documents.output(result.output()),
        documents.steps(result.steps()))) {
      log.warn("Generation {} was already closed; result not written", result.generationId());
    }
  }

  @Override
  public void recordFailure(GenerationFailure failure) {
    GenerationStatus status =
        failure.canceled() ? GenerationStatus.CANCELED : GenerationStatus.FAILED;
    store.fail(
        failure.generationId(),
        status,
        failure.code(),
        failure.message(),
        documents.steps(failure.steps()));
    log.info(
        "Generation {} {}: {} {}",
        failure.generationId(),
        status.dbValue(),
        failure.code(),
        failure.message());
  }
}
