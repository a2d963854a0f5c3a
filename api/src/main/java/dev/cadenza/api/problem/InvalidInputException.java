package dev.cadenza.api.problem;

import jakarta.validation.ConstraintViolation;
import java.util.Collection;
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

  /** The violations of a programmatic validation, named by their JSON paths. */
  public static InvalidInputException of(Collection<? extends ConstraintViolation<?>> violations) {
    return new InvalidInputException(violations.stream()
        .map(v -> new FieldProblem(ValidationErrors.field(v.getPropertyPath()), v.getMessage()))
        .sorted(ValidationErrors.ORDER)
        .toList());
  }
}
