package dev.cadenza.api.problem;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

/** The {@code errors} list of a validation problem, from each kind of validation exception. */
final class ValidationErrors {
  static final Comparator<FieldProblem> ORDER = Comparator.comparing(
          FieldProblem::field, Comparator.nullsFirst(String::compareTo))
      .thenComparing(FieldProblem::message, Comparator.nullsFirst(String::compareTo));

  /** A {@code @Valid @RequestBody} (or bound object) that broke constraints. */
  static List<FieldProblem> of(Errors errors) {
    return of(errors, null);
  }

  /** Method validation of controller parameters ({@code @Min} on a {@code @RequestParam}, ...). */
  static List<FieldProblem> of(HandlerMethodValidationException ex) {
    List<FieldProblem> problems = new ArrayList<>();
    for (ParameterValidationResult result : ex.getParameterValidationResults()) {
      if (result instanceof ParameterErrors errors && isBody(result.getMethodParameter())) {
        problems.addAll(of(errors, null));
      } else if (result instanceof ParameterErrors errors) {
        problems.addAll(of(errors, parameterName(result.getMethodParameter())));
      } else {
        String name = parameterName(result.getMethodParameter());
        for (MessageSourceResolvable error : result.getResolvableErrors()) {
          problems.add(new FieldProblem(name, error.getDefaultMessage()));
        }
      }
    }
    return sorted(problems);
  }

  /** Method validation through a {@code @Validated} proxy, or a manual validator call. */
  static List<FieldProblem> of(ConstraintViolationException ex) {
    List<FieldProblem> problems = new ArrayList<>();
    for (ConstraintViolation<?> violation : ex.getConstraintViolations()) {
      problems.add(new FieldProblem(field(violation.getPropertyPath()), violation.getMessage()));
    }
    return sorted(problems);
  }

  private static List<FieldProblem> of(Errors errors, String prefix) {
    List<FieldProblem> problems = new ArrayList<>();
    for (FieldError error : errors.getFieldErrors()) {
      String field = prefix == null ? error.getField() : prefix + "." + error.getField();
      problems.add(new FieldProblem(field, error.getDefaultMessage()));
    }
    for (ObjectError error : errors.getGlobalErrors()) {
      problems.add(new FieldProblem(prefix, error.getDefaultMessage()));
    }
    return sorted(problems);
  }

  /**
   * The path below the method and parameter nodes: {@code create.request.email} becomes {@code
   * email}; a constrained parameter itself ({@code transactions.limit}) becomes {@code limit}.
   */
  static String field(Path path) {
    StringBuilder field = new StringBuilder();
    String parameter = null;
    for (Path.Node node : path) {
      ElementKind kind = node.getKind();
      if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR) {
        continue;
      }
      if (kind == ElementKind.PARAMETER || kind == ElementKind.CROSS_PARAMETER) {
        parameter = node.getName();
        continue;
      }
      if (node.getIndex() != null) {
        field.append('[').append(node.getIndex()).append(']');
      } else if (node.getKey() != null) {
        field.append('[').append(node.getKey()).append(']');
      }
      if (node.getName() != null && kind != ElementKind.CONTAINER_ELEMENT) {
        if (!field.isEmpty()) {
          field.append('.');
        }
        field.append(node.getName());
      }
    }
    return field.isEmpty() ? parameter : field.toString();
  }

  private static boolean isBody(MethodParameter parameter) {
    return parameter.hasParameterAnnotation(RequestBody.class);
  }

  /** The name the client used: the {@code @RequestParam} value if given, else the Java name. */
  private static String parameterName(MethodParameter parameter) {
    RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
    if (param != null) {
      return firstNonEmpty(param.name(), param.value(), parameter.getParameterName());
    }
    PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
    if (path != null) {
      return firstNonEmpty(path.name(), path.value(), parameter.getParameterName());
    }
    RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
    if (header != null) {
      return firstNonEmpty(header.name(), header.value(), parameter.getParameterName());
    }
    return parameter.getParameterName();
  }

  private static String firstNonEmpty(String... names) {
    for (String name : names) {
      if (name != null && !name.isEmpty()) {
        return name;
      }
    }
    return null;
  }

  private static List<FieldProblem> sorted(List<FieldProblem> problems) {
    return problems.stream().sorted(ORDER).toList();
  }

  private ValidationErrors() {}
}
