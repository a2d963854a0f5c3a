package dev.cadenza.gpuworker.runner;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed, validating reads of a job's {@code input} Struct. Numbers may arrive as JSON numbers
 * or as numeric strings (callers build the Struct from loosely typed JSON); anything else that
 * does not fit raises {@code INVALID_INPUT} naming the field.
 */
public final class ModelInput {

  private final Struct struct;

  private ModelInput(Struct struct) {
    this.struct = struct;
  }

  public static ModelInput of(Struct struct) {
    return new ModelInput(struct == null ? Struct.getDefaultInstance() : struct);
  }

  /** The field as text, or {@code fallback} when absent, null or blank. */
  public String text(String name, String fallback) {
    return optionalText(name).orElse(fallback);
  }

  /** The field as trimmed text when present and not blank; numbers and booleans are printed. */
  public Optional<String> optionalText(String name) {
    Value value = struct.getFieldsMap().get(name);
    if (value == null) {
      return Optional.empty();
    }
    String text = switch (value.getKindCase()) {
      case STRING_VALUE -> value.getStringValue();
      case NUMBER_VALUE -> formatNumber(value.getNumberValue());
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      case NULL_VALUE, KIND_NOT_SET -> "";
      default -> throw ModelFailureException.invalidInput(name + " must be a string");
    };
    return text.isBlank() ? Optional.empty() : Optional.of(text.trim());
  }

  /** A number in [min, max], or {@code fallback} when absent. */
  public double number(String name, double fallback, double min, double max) {
    return optionalNumber(name).map(n -> inRange(name, n, min, max)).orElse(fallback);
  }

  /** A required number in [min, max]. */
  public double requiredNumber(String name, double min, double max) {
    double n = optionalNumber(name)
        .orElseThrow(() -> ModelFailureException.invalidInput(name + " is required"));
    return inRange(name, n, min, max);
  }

  /** A whole number in [min, max], or {@code fallback} when absent. */
  public int integer(String name, int fallback, int min, int max) {
    double n = number(name, fallback, min, max);
    if (n != Math.rint(n)) {
      throw ModelFailureException.invalidInput(name + " must be a whole number, was " + n);
    }
    return (int) n;
  }

  /**
   * The {@code seed}: a number, or any string (hashed, so "abc" is a valid seed). 0 when absent,
   * which keeps unseeded requests deterministic too.
   */
  public long seed() {
    Value value = struct.getFieldsMap().get("seed");
    if (value == null) {
      return 0;
    }
    return switch (value.getKindCase()) {
      case NUMBER_VALUE -> (long) value.getNumberValue();
      case STRING_VALUE -> parseSeed(value.getStringValue().trim());
      case NULL_VALUE, KIND_NOT_SET -> 0;
      default -> throw ModelFailureException.invalidInput("seed must be a number or a string");
    };
  }

  /**
   * The field as a list of objects, each read like an input of its own; empty when absent.
   * Nested inputs (a timeline's tracks and clips) are read this way.
   */
  public List<ModelInput> objects(String name) {
    Value value = struct.getFieldsMap().get(name);
    if (value == null || value.getKindCase() == Value.KindCase.NULL_VALUE) {
      return List.of();
    }
    if (value.getKindCase() != Value.KindCase.LIST_VALUE) {
      throw ModelFailureException.invalidInput(name + " must be a list");
    }
    List<ModelInput> objects = new ArrayList<>();
    for (Value element : value.getListValue().getValuesList()) {
      if (element.getKindCase() != Value.KindCase.STRUCT_VALUE) {
        throw ModelFailureException.invalidInput(name + " must be a list of objects");
      }
      objects.add(new ModelInput(element.getStructValue()));
    }
    return objects;
  }

  /** All top-level string fields joined, for content screening. */
  public String allText() {
    StringBuilder all = new StringBuilder();
    struct.getFieldsMap().values().forEach(v -> all.append(v.getStringValue()).append('\n'));
    return all.toString();
  }

  private Optional<Double> optionalNumber(String name) {
    Value value = struct.getFieldsMap().get(name);
    if (value == null) {
      return Optional.empty();
    }
    return switch (value.getKindCase()) {
      case NUMBER_VALUE -> Optional.of(value.getNumberValue());
      case STRING_VALUE -> parseNumber(name, value.getStringValue().trim());
      case NULL_VALUE, KIND_NOT_SET -> Optional.empty();
      default -> throw ModelFailureException.invalidInput(name + " must be a number");
    };
  }

  private static Optional<Double> parseNumber(String name, String text) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Double.parseDouble(text));
    } catch (NumberFormatException e) {
      throw ModelFailureException.invalidInput(name + " must be a number, was \"" + text + "\"");
    }
  }

  private static double inRange(String name, double n, double min, double max) {
    if (!(n >= min && n <= max)) {
      throw ModelFailureException.invalidInput(name + " must be between " + formatNumber(min)
          + " and " + formatNumber(max) + ", was " + formatNumber(n));
    }
    return n;
  }

  private static long parseSeed(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return text.hashCode();
    }
  }

  private static String formatNumber(double n) {
    return n == Math.rint(n) && Math.abs(n) < 1e15 ? Long.toString((long) n) : Double.toString(n);
  }
}
