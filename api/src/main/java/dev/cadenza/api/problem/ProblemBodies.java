package dev.cadenza.api.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Builds and writes the one problem shape every 4xx/5xx answer has: {@code type}, {@code title},
 * {@code status}, {@code detail}, {@code instance}, {@code code} and, for validation problems,
 * {@code errors}. Used by {@link ProblemHandler}, {@link ProblemErrorController} and by filters
 * (the security entry points) that answer before a controller is reached.
 */
public final class ProblemBodies {
  /** {@code type} is this prefix plus the code in kebab case: {@code ...:validation-failed}. */
  public static final String TYPE_PREFIX = "urn:cadenza:problem:";

  /** A problem with the status's reason phrase as title. */
  public static ProblemDetail problem(HttpStatusCode status, String code, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    return complete(problem, code);
  }

  /** 422 {@code VALIDATION_FAILED} listing {@code errors}. */
  public static ProblemDetail validationFailed(List<FieldProblem> errors) {
    ProblemDetail problem = problem(
        HttpStatus.UNPROCESSABLE_ENTITY,
        ProblemCode.VALIDATION_FAILED,
        "The request has invalid fields.");
    problem.setProperty("errors", List.copyOf(errors));
    return problem;
  }

  /**
   * Fills what a problem made elsewhere (by Spring) may lack: the title, the code ({@code
   * fallbackCode} unless one is set) and the matching type.
   */
  public static ProblemDetail complete(ProblemDetail problem, String fallbackCode) {
    HttpStatus status = HttpStatus.resolve(problem.getStatus());
    if (problem.getTitle() == null && status != null) {
      problem.setTitle(status.getReasonPhrase());
    }
    Map<String, Object> properties = problem.getProperties();
    Object code = properties == null ? null : properties.get("code");
    if (!(code instanceof String)) {
      code = fallbackCode != null ? fallbackCode : ProblemCode.forStatus(problem.getStatus());
      problem.setProperty("code", code);
    }
    problem.setType(typeFor((String) code));
    return problem;
  }

  /** The problem's code, or the status's default. */
  public static String codeOf(ProblemDetail problem) {
    Map<String, Object> properties = problem.getProperties();
    Object code = properties == null ? null : properties.get("code");
    return code instanceof String text ? text : ProblemCode.forStatus(problem.getStatus());
  }

  /** {@code urn:cadenza:problem:<code in kebab case>}; {@code about:blank} for an odd code. */
  public static URI typeFor(String code) {
    try {
      return URI.create(TYPE_PREFIX + code.toLowerCase(Locale.ROOT).replace('_', '-'));
    } catch (IllegalArgumentException e) {
      return URI.create("about:blank");
    }
  }

  /**
   * The JSON members in a fixed order. Built by hand so the shape does not depend on the
   * ObjectMapper having Spring's ProblemDetail mix-in.
   */
  public static Map<String, Object> toJson(ProblemDetail problem) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", problem.getType().toString());
    json.put("title", problem.getTitle());
    json.put("status", problem.getStatus());
    json.put("detail", problem.getDetail());
    if (problem.getInstance() != null) {
      json.put("instance", problem.getInstance().toString());
    }
    if (problem.getProperties() != null) {
      json.putAll(problem.getProperties());
    }
    return json;
  }

  /** The request path as a problem's {@code instance}; null if it is not a valid URI. */
  public static URI instanceOf(String path) {
    try {
      return path == null ? null : URI.create(path);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Writes the problem as the whole response, for code that runs outside Spring MVC. */
  public static void write(
      HttpServletRequest request,
      HttpServletResponse response,
      ObjectMapper objectMapper,
      ProblemDetail problem)
      throws IOException {
    if (problem.getInstance() == null) {
      problem.setInstance(instanceOf(request.getRequestURI()));
    }
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    // Jackson writes UTF-8 to a stream; JSON has no charset parameter (RFC 8259).
    objectMapper.writeValue(response.getOutputStream(), toJson(problem));
  }

  private ProblemBodies() {}
}
