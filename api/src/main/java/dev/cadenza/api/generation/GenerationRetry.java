package dev.cadenza.api.generation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cadenza.api.problem.ApiException;
import dev.cadenza.api.problem.FieldProblem;
import dev.cadenza.api.problem.InvalidInputException;
import dev.cadenza.api.problem.ProblemCode;
import dev.cadenza.generation.Generation;
import dev.cadenza.generation.GenerationStatus;
import dev.cadenza.generation.GenerationStore;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.List;
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
  private final ObjectMapper json;
  private final Validator validator;

  public GenerationRetry(
      GenerationStore store,
      GenerationService generations,
      ObjectMapper json,
      Validator validator) {
    this.store = store;
    this.generations = generations;
    this.json = json;
    this.validator = validator;
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
      retried = generations
          .create(
              original.userId(),
              request(original.type(), input, original.webhook(), store.webhookEvents(id)))
          .generation();
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

  /**
   * The request the generation would be today, read and checked as a user's body is: the stored
   * input is the one accepted then, so it fails only where the contract has changed since.
   */
  private CreateGenerationRequest request(
      String type, JsonNode input, String webhook, List<String> webhookEvents) {
    ObjectNode body = json.createObjectNode();
    body.put("type", type);
    body.set("input", input);
    CreateGenerationRequest read;
    try {
      read = json.treeToValue(body, CreateGenerationRequest.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new InvalidInputException(List.of(
          new FieldProblem("input", "no longer matches the input of a " + type + " generation")));
    }
    CreateGenerationRequest request =
        new CreateGenerationRequest(read.type(), read.input(), webhook, webhookEvents);
    Set<ConstraintViolation<CreateGenerationRequest>> violations = validator.validate(request);
    if (!violations.isEmpty()) {
      throw InvalidInputException.of(violations);
    }
    return request;
  }

  /** Any user's generation, for operators. */
  public Generation find(String id) {
    return store.find(id).orElseThrow(() -> ApiException.notFound("Generation " + id));
  }
}
