package dev.cadenza.api.problem;

import java.util.List;
import org.springframework.http.HttpStatus;

/** A request whose fields break the contract: 422 {@code VALIDATION_FAILED} with the list. */
public class InvalidInputException extends ApiException {
  public InvalidInputException(List<FieldProblem> problems) {
    super(
        HttpStatus.UNPROCESSABLE_ENTITY,
        ProblemCode.VALIDATION_FAILED,
        "The request has invalid fields.",
        problems);
  }
}
