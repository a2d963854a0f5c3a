package dev.cadenza.api.problem;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.cadenza.api.validation.ExternalTypes;
import dev.cadenza.api.validation.ExternallyTyped;
import dev.cadenza.api.validation.FieldRules;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    FieldProblem subtype = mapping.map(JsonProblems::subtype).orElse(null);
    if (subtype != null) {
      return ProblemBodies.validationFailed(List.of(subtype));
    }
    boolean coercion = syntax.isPresent() && syntax.get() instanceof InputCoercionException;
    String field = mapping.map(JsonProblems::path).orElse("");
    if (!field.isEmpty() && (syntax.isEmpty() || coercion)) {
      String message = coercion ? "is out of range" : expectation(mapping.get());
      return ProblemBodies.validationFailed(List.of(new FieldProblem(field, message)));
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

  /**
   * {@code input.tracks[0].clips[2].start}, with the property of an {@link ExternallyTyped} value
   * put back where Jackson leaves it out.
   */
  static String path(JsonMappingException error) {
    StringBuilder path = new StringBuilder();
    String last = null;
    for (JsonMappingException.Reference ref : error.getPath()) {
      Object from = ref.getFrom();
      String typed = ExternalTypes.propertyOf(from instanceof Class<?> type ? type : classOf(from));
      if (typed != null && !typed.equals(last)) {
        last = append(path, typed);
      }
      if (ref.getFieldName() != null) {
        last = append(path, ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
        last = null;
      }
    }
    Class<?> target =
        error instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
    String typed = ExternalTypes.propertyOf(target);
    if (typed != null && !typed.equals(last) && !(error instanceof InvalidTypeIdException)) {
      append(path, typed);
    }
    return path.toString();
  }

  /** Jackson's messages for a missing type property, and for a type without its value. */
  private static final Pattern MISSING = Pattern.compile(
      "(?:Missing external type id property '([^']+)'|Missing property '([^']+)' for external"
          + " type id).*",
      Pattern.DOTALL);

  /**
   * The problem of the property that names an {@link ExternallyTyped} value's subtype: missing
   * ("is required") or naming none of them ("must be one of" the names); or of the value missing
   * beside its type ("is required"); null for other errors.
   */
  private static FieldProblem subtype(JsonMappingException error) {
    String field;
    String message;
    if (error instanceof InvalidTypeIdException invalid && invalid.getBaseType() != null) {
      Class<?> base = invalid.getBaseType().getRawClass();
      ExternallyTyped typed = ExternalTypes.of(base);
      JsonSubTypes subtypes = base.getAnnotation(JsonSubTypes.class);
      if (typed == null || subtypes == null) {
        return null;
      }
      field = typed.typeProperty();
      message = "must be one of "
          + Arrays.stream(subtypes.value())
              .map(JsonSubTypes.Type::name)
              .collect(Collectors.joining(", "));
    } else {
      Matcher missing = MISSING.matcher(String.valueOf(error.getOriginalMessage()));
      if (!missing.matches()) {
        return null;
      }
      field = missing.group(1) != null ? missing.group(1) : missing.group(2);
      message = "is required";
    }
    String parent = path(error);
    int value = Math.max(parent.lastIndexOf('.'), -1);
    // The error sits at the typed value (input) or at its object: the type is their sibling.
    String object =
        parent.isEmpty() || parent.endsWith("]") ? parent : parent.substring(0, Math.max(value, 0));
    return new FieldProblem(object.isEmpty() ? field : object + "." + field, message);
  }

  private static String append(StringBuilder path, String field) {
    if (!path.isEmpty()) {
      path.append('.');
    }
    path.append(field);
    return field;
  }

  private static Class<?> classOf(Object from) {
    return from == null ? null : from.getClass();
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
    String rule = fieldRule(error);
    if (rule != null) {
      return rule;
    }
    if (error instanceof InvalidFormatException || error instanceof MismatchedInputException) {
      return typeExpectation(target);
    }
    return "is invalid";
  }

  /** The rule of the constrained field the value was meant for ({@link FieldRules}). */
  private static String fieldRule(JsonMappingException error) {
    List<JsonMappingException.Reference> path = error.getPath();
    if (path.isEmpty()) {
      return null;
    }
    JsonMappingException.Reference last = path.get(path.size() - 1);
    Object from = last.getFrom();
    if (last.getFieldName() == null || from == null) {
      return null;
    }
    return FieldRules.of(
        from instanceof Class<?> type ? type : from.getClass(), last.getFieldName());
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
