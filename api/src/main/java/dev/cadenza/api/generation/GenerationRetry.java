package dev.cadenza.api.generation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadenza.api.problem.ApiException;
import dev.cadenza.api.problem.InvalidInputException;
import dev.cadenza.api.problem.ProblemCode;
import dev.cadenza.generation.Generation;
import dev.cadenza.generation.GenerationStatus;
import dev.cadenza.generation.GenerationStore;
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * An operator's retry: a failed or canceled generation runs again as a new generation of the
 * same user, type, input (seed included), webhook and webhook event filter, through the ordinary
 * create path, so it is priced, held and started exactly like a request of the user's. A render's
 * scheduled publication whose time has passed is sent at once ({@link RetryInput}).
 */
@Service
public class GenerationRetry {
  private static final Logger log = LoggerFactory.getLogger(GenerationRetry.class);
  private static final Set<GenerationStatus> RETRYABLE =
      Set.of(GenerationStatus.FAILED, GenerationStatus.CANCELED);

  private final GenerationStore store;
  private final GenerationService generations;

  public GenerationRetry(GenerationStore store, GenerationService generations) {
    this.store = store;
    this.generations = generations;
  }

  /**
   * @return the new generation
   * @throws ApiException 404 for an unknown id; 409 {@code NOT_RETRYABLE} unless it failed or was
   *     canceled, or when its input no longer passes the create path's checks (with the fields in
   *     {@code errors}); 402 {@code INSUFFICIENT_CREDITS} if the user cannot afford it now (nothing is
   *     left running); whatever the create path answers otherwise
   */
  public Generation retry(String id) {
    Generation original = find(id);
    if (!RETRYABLE.contains(original.status())) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          ProblemCode.NOT_RETRYABLE,
          "Generation %s is %s; only failed or canceled generations can be retried."
              .formatted(id, original.status().dbValue()));
    }
    JsonNode input = RetryInput.of(original.type(), original.input(), Instant.now());
    Generation retried;
    try {
      retried = generations.create(
          original.userId(),
          new CreateGenerationRequest(
              original.type(), input, original.webhook(), store.webhookEvents(id)));
    } catch (InvalidInputException e) {
      // What it ran with no longer holds: a remix's parent unpublished since, a webhook host now
      // refused. Not the operator's request at fault (it has no body): the generation's state.
      throw new ApiException(
          HttpStatus.CONFLICT,
          ProblemCode.NOT_RETRYABLE,
          ("Generation %s cannot run again as it was: its input no longer holds (errors name"
                  + " the fields). Nothing was created or held.")
              .formatted(id),
          e.errors());
    }
    log.info("Generation {} ({}) retried as {}", id, original.status().dbValue(), retried.id());
    return retried;
  }

  /** Any user's generation, for operators. */
  public Generation find(String id) {
    return store.find(id).orElseThrow(() -> ApiException.notFound("Generation " + id));
  }
}
