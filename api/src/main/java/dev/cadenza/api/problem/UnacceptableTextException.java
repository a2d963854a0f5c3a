package dev.cadenza.api.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;

/**
 * A JSON string (a value or a field name) with characters {@link AcceptedText} refuses, raised
 * while the document is read. {@link JsonProblems} answers it with 422 naming the field.
 */
final class UnacceptableTextException extends JsonParseException {
  private final transient FieldProblem problem;

  UnacceptableTextException(JsonParser parser, FieldProblem problem) {
    super(parser, problem.field() + " " + problem.message());
    this.problem = problem;
  }

  FieldProblem problem() {
    return problem;
  }
}
