package dev.cadenza.api.problem;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * An error the API answers with on purpose: rendered as RFC 9457 problem+json with a stable
 * {@code code} by {@link ProblemHandler}.
 */
public class ApiException extends RuntimeException {
  private final HttpStatus status;
  private final String code;
  private final List<FieldProblem> errors;

  public ApiException(HttpStatus status, String code, String detail) {
    this(status, code, detail, List.of());
  }

  /** With field-level {@code errors}, shown as the problem's {@code errors} array. */
  public ApiException(HttpStatus status, String code, String detail, List<FieldProblem> errors) {
    super(detail);
    this.status = status;
    this.code = code;
    this.errors = List.copyOf(errors);
  }

  public static ApiException notFound(String what) {
    return new ApiException(HttpStatus.NOT_FOUND, ProblemCode.NOT_FOUND, what + " not found");
  }

  /** 409 {@code CONFLICT}. */
  public static ApiException conflict(String detail) {
    return new ApiException(HttpStatus.CONFLICT, ProblemCode.CONFLICT, detail);
  }

  /** 422 {@code VALIDATION_FAILED} for one field, like a failed bean-validation constraint. */
  public static ApiException invalidField(String field, String message) {
    return new ApiException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        ProblemCode.VALIDATION_FAILED,
        "The request has invalid fields.",
        List.of(new FieldProblem(field, message)));
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** Field-level errors; empty for most problems. */
  public List<FieldProblem> errors() {
    return errors;
  }
}
