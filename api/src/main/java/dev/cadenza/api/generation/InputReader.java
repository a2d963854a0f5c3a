package dev.cadenza.api.generation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadenza.api.problem.FieldProblem;
import dev.cadenza.net.OutboundAddressPolicy;
import dev.cadenza.workflows.media.StagedFile;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads typed fields out of a JSON object and collects every problem instead of stopping at the
 * first, so a client sees all its mistakes in one answer.
 */
final class InputReader {
  /** Longest URL accepted in an input. */
  static final int MAX_URL = 2000;

  private final JsonNode node;
  private final String path;
  private final List<FieldProblem> problems;

  InputReader(JsonNode node, String path, Set<String> allowed) {
    this(node, path, allowed, new ArrayList<>());
  }

  /** A reader of a nested object that reports into its parent's problems. */
  private InputReader(
      JsonNode node, String path, Set<String> allowed, List<FieldProblem> problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
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

  /** True when the node read is an object (else its problem is already reported). */
  boolean isObject() {
    return node != null && node.isObject();
  }

  /** True when the field is present and not null. */
  boolean has(String field) {
    return field(field) != null;
  }

  /** The field as a nested object with {@code allowed} fields (required). */
  InputReader object(String field, Set<String> allowed) {
    return new InputReader(field(field), path + "." + field, allowed, problems);
  }

  /**
   * The field as a list of up to {@code max} objects with {@code allowed} fields; empty when
   * absent (or when it is not a list, which is reported).
   */
  List<InputReader> objects(String field, int max, Set<String> allowed) {
    JsonNode value = field(field);
    if (value == null) {
      return List.of();
    }
    if (!value.isArray()) {
      problem(field, "must be a list");
      return List.of();
    }
    if (value.size() > max) {
      problem(field, "must have at most " + max + " items");
      return List.of();
    }
    List<InputReader> readers = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      readers.add(
          new InputReader(value.get(i), path + "." + field + "[" + i + "]", allowed, problems));
    }
    return readers;
  }

  /**
   * An http(s) URL of at most {@value #MAX_URL} characters, or null when absent. Addresses the
   * policy refuses outright (IP literals and {@code localhost} inside the service's networks) are
   * reported here; names are checked again when the URL is used.
   */
  String url(String field, OutboundAddressPolicy policy) {
    String text = text(field, MAX_URL);
    if (text == null) {
      return null;
    }
    String rule = "must be an http(s) URL of at most " + MAX_URL + " characters to a public host";
    String problem;
    try {
      problem = policy.quickProblem(new URI(text));
    } catch (URISyntaxException e) {
      problem = "it is not a URL (" + e.getReason() + ")";
    }
    return problem == null ? text : problem(field, rule + ": " + problem);
  }

  /**
   * The user's ready upload of {@code kind} named by the field, as the file {@code name}; null when
   * absent (or refused, which is reported on the field).
   */
  StagedFile upload(String field, UploadResolver uploads, String kind, String name) {
    String id = text(field, UploadResolver.MAX_ID);
    if (id == null) {
      return null;
    }
    try {
      return uploads.resolve(path + "." + field, id, kind, name);
    } catch (UploadResolver.Refused e) {
      return problem(field, e.getMessage());
    }
  }

  /** Reports a problem with the object as a whole (a combination of fields). */
  void reject(String message) {
    problems.add(new FieldProblem(path, message));
  }

  /** Reports a problem with one field. */
  void reject(String field, String message) {
    problem(field, message);
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

  /**
   * A whole number in [min, max], or {@code fallback} when absent. Any JSON spelling of a whole
   * number counts ({@code 30}, {@code 30.0}, {@code 3e1}); the message says whether the value was
   * not a number, not whole, or out of the range, and always what the range is.
   */
  long integer(String field, long fallback, long min, long max) {
    JsonNode value = field(field);
    if (value == null) {
      return fallback;
    }
    String rule = "must be a whole number between " + min + " and " + max;
    if (!value.isNumber()) {
      problem(field, rule);
      return fallback;
    }
    BigDecimal number = exact(value);
    if (number != null && number.stripTrailingZeros().scale() > 0) {
      problem(field, "is not a whole number: " + rule);
      return fallback;
    }
    if (number == null
        || number.compareTo(BigDecimal.valueOf(min)) < 0
        || number.compareTo(BigDecimal.valueOf(max)) > 0) {
      problem(field, "is out of range: " + rule);
      return fallback;
    }
    return number.longValueExact();
  }

  double number(String field, double fallback, double min, double max) {
    JsonNode value = field(field);
    if (value == null) {
      return fallback;
    }
    String rule = "must be a number between " + plain(min) + " and " + plain(max);
    if (!value.isNumber()) {
      problem(field, rule);
      return fallback;
    }
    double number = value.asDouble();
    if (!(number >= min && number <= max)) {
      problem(field, "is out of range: " + rule);
      return fallback;
    }
    return number;
  }

  /** The value of a number node; null for one beyond a double (1e400 reads as infinity). */
  private static BigDecimal exact(JsonNode value) {
    if ((value.isDouble() || value.isFloat()) && !Double.isFinite(value.doubleValue())) {
      return null;
    }
    return value.decimalValue();
  }

  /** 20 rather than 20.0, 0.5 as it is. */
  private static String plain(double number) {
    return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
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
