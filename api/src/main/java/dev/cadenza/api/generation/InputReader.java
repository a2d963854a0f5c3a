package dev.cadenza.api.generation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadenza.api.problem.FieldProblem;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads typed fields out of a JSON object and collects every problem instead of stopping at the
 * first, so a client sees all its mistakes in one answer.
 */
final class InputReader {
  private final JsonNode node;
  private final String path;
  private final List<FieldProblem> problems = new ArrayList<>();

  InputReader(JsonNode node, String path, Set<String> allowed) {
    this.node = node;
    this.path = path;
    if (node == null || node.isNull() || node.isMissingNode()) {
      problems.add(new FieldProblem(path, "is required"));
    } else if (!node.isObject()) {
      problems.add(new FieldProblem(path, "must be an object"));
    } else {
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!allowed.contains(name)) {
          problems.add(new FieldProblem(path + "." + name, "is not a known field"));
        }
      }
    }
  }

  List<FieldProblem> problems() {
    return problems;
  }

  /** A string of 1..max characters, or null when absent. */
  String text(String field, int max) {
    JsonNode value = field(field);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      return problem(field, "must be a string");
    }
    String text = value.asText();
    if (text.isBlank()) {
      return problem(field, "must not be blank");
    }
    if (text.codePointCount(0, text.length()) > max) {
      return problem(field, "must be at most " + max + " characters");
    }
    return text;
  }

  boolean bool(String field, boolean fallback) {
    JsonNode value = field(field);
    if (value == null) {
      return fallback;
    }
    if (!value.isBoolean()) {
      problem(field, "must be true or false");
      return fallback;
    }
    return value.asBoolean();
  }

  long integer(String field, long fallback, long min, long max) {
    JsonNode value = field(field);
    if (value == null) {
      return fallback;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      problem(field, "must be a whole number");
      return fallback;
    }
    long number = value.asLong();
    if (number < min || number > max) {
      problem(field, "must be between " + min + " and " + max);
      return fallback;
    }
    return number;
  }

  double number(String field, double fallback, double min, double max) {
    JsonNode value = field(field);
    if (value == null) {
      return fallback;
    }
    if (!value.isNumber()) {
      problem(field, "must be a number");
      return fallback;
    }
    double number = value.asDouble();
    if (!(number >= min && number <= max)) {
      problem(field, "must be between " + min + " and " + max);
      return fallback;
    }
    return number;
  }

  private JsonNode field(String field) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value;
  }

  private <T> T problem(String field, String message) {
    problems.add(new FieldProblem(path + "." + field, message));
    return null;
  }
}
