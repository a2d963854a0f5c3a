package dev.cadenza.api.problem;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Turns an unreadable request body into a problem. The rule: a body that is not JSON, or not the
 * right kind of JSON document, is 400 {@code MALFORMED_REQUEST}; well-formed JSON with a value of
 * the wrong type at a known path ({@code "credits": "ten"}, an unknown enum value, a number out of
 * range, a string with characters {@link AcceptedText} refuses) is 422 {@code VALIDATION_FAILED}
 * with that path in {@code errors}, exactly like a failed constraint, so clients handle both the
 * same way.
 */
final class JsonProblems {

  static ProblemDetail unreadable(HttpMessageNotReadableException ex) {
    Optional<ApiException> api = cause(ex, ApiException.class);
    if (api.isPresent()) {
      return ProblemHandler.problemOf(api.get());
    }
    Optional<UnacceptableTextException> text = cause(ex, UnacceptableTextException.class);
    if (text.isPresent()) {
      return ProblemBodies.validationFailed(List.of(text.get().problem()));
    }
    Optional<JsonMappingException> mapping = cause(ex, JsonMappingException.class);
    Optional<StreamReadException> syntax = cause(ex, StreamReadException.class);
    boolean coercion = syntax.isPresent() && syntax.get() instanceof InputCoercionException;
    boolean atPath = mapping.isPresent() && !mapping.get().getPath().isEmpty();
    if (atPath && (syntax.isEmpty() || coercion)) {
      JsonMappingException error = mapping.get();
      String message = coercion ? "is out of range" : expectation(error);
      return ProblemBodies.validationFailed(List.of(new FieldProblem(path(error), message)));
    }
    String detail;
    if (syntax.isPresent()) {
      detail = "The request body is not valid JSON: " + syntax.get().getOriginalMessage() + ".";
    } else if (mapping.isPresent()) {
      detail = "The request body is not the expected JSON document: "
          + documentExpectation(mapping.get());
    } else {
      detail = "The request body is missing or unreadable.";
    }
    return ProblemBodies.problem(HttpStatus.BAD_REQUEST, ProblemCode.MALFORMED_REQUEST, detail);
  }

  /** {@code input.tracks[0].clips[2].start} */
  static String path(JsonMappingException error) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : error.getPath()) {
      if (ref.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String expectation(JsonMappingException error) {
    if (error instanceof UnrecognizedPropertyException) {
      return "is not a known field";
    }
    Class<?> target =
        error instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
    if (target != null && target.isEnum()) {
      return "must be one of " + enumValues(target);
    }
    if (error instanceof InvalidFormatException || error instanceof MismatchedInputException) {
      return typeExpectation(target);
    }
    return "is invalid";
  }

  private static String documentExpectation(JsonMappingException error) {
    Class<?> target =
        error instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
    return typeExpectation(target) + ".";
  }

  static String typeExpectation(Class<?> type) {
    if (type == null) {
      return "has the wrong type";
    }
    if (type == Integer.class
        || type == int.class
        || type == Long.class
        || type == long.class
        || type == Short.class
        || type == short.class
        || type == Byte.class
        || type == byte.class
        || type == BigInteger.class) {
      return "must be an integer";
    }
    if (Number.class.isAssignableFrom(type)
        || type == double.class
        || type == float.class
        || type == BigDecimal.class) {
      return "must be a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "must be true or false";
    }
    if (CharSequence.class.isAssignableFrom(type)
        || type == char.class
        || type == Character.class) {
      return "must be a string";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "must be an array";
    }
    if (Map.class.isAssignableFrom(type)) {
      return "must be an object";
    }
    if (Temporal.class.isAssignableFrom(type)) {
      return "must be an RFC 3339 date-time";
    }
    if (type.isEnum()) {
      return "must be one of " + enumValues(type);
    }
    if (type.getPackageName().startsWith("java.")) {
      return "must be a valid " + type.getSimpleName();
    }
    return "must be an object";
  }

  /** An enum's JSON spellings: from {@code @JsonValue}, {@code @JsonProperty} or the name. */
  static String enumValues(Class<?> type) {
    Method jsonValue = Arrays.stream(type.getDeclaredMethods())
        .filter(m -> m.isAnnotationPresent(JsonValue.class) && m.getParameterCount() == 0)
        .findFirst()
        .orElse(null);
    List<String> values = new ArrayList<>();
    for (Object constant : type.getEnumConstants()) {
      Enum<?> value = (Enum<?>) constant;
      values.add(jsonName(type, value, jsonValue));
    }
    return values.stream().collect(Collectors.joining(", ", "[", "]"));
  }

  private static String jsonName(Class<?> type, Enum<?> value, Method jsonValue) {
    try {
      if (jsonValue != null) {
        jsonValue.setAccessible(true);
        return String.valueOf(jsonValue.invoke(value));
      }
      JsonProperty property = type.getField(value.name()).getAnnotation(JsonProperty.class);
      if (property != null && !property.value().isEmpty()) {
        return property.value();
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      // fall back to the constant's name
    }
    return value.name();
  }

  static <T extends Throwable> Optional<T> cause(Throwable ex, Class<T> type) {
    for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
    }
    return Optional.empty();
  }

  private JsonProblems() {}
}
