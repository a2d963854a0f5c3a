package dev.cadenza.api.problem;

import dev.cadenza.credits.AccountNotFoundException;
import dev.cadenza.credits.InsufficientCreditsException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolationException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestValueException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place exceptions become HTTP answers: every 4xx/5xx is {@code application/problem+json}
 * with a stable {@code code} (see {@link ProblemCode}), whatever the {@code Accept} header says.
 *
 * <ul>
 *   <li>{@link ApiException}: its status, code, detail and errors.
 *   <li>Bean validation of bodies and parameters: 422 {@code VALIDATION_FAILED} with {@code
 *       errors: [{field, message}]}.
 *   <li>Unreadable bodies: see {@link JsonProblems} (400 {@code MALFORMED_REQUEST}, or 422 for a
 *       wrongly typed value at a known path).
 *   <li>Parameters: a missing one is 400 {@code MISSING_PARAMETER}, an unconvertible one 400
 *       {@code INVALID_PARAMETER}, both with {@code errors}.
 *   <li>Framework errors (404, 405, 406, 413, 415, ...): Spring's status, code from the status.
 *   <li>Anything else: 500 {@code INTERNAL} with a generic detail; the exception is logged.
 * </ul>
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
  static final String GENERIC_DETAIL = "An unexpected error occurred. It has been logged.";

  @ExceptionHandler(ApiException.class)
  ResponseEntity<Object> api(ApiException ex, WebRequest request) {
    return respond(problemOf(ex), request);
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ResponseEntity<Object> constraintViolation(ConstraintViolationException ex, WebRequest request) {
    return respond(ProblemBodies.validationFailed(ValidationErrors.of(ex)), request);
  }

  @ExceptionHandler(InsufficientCreditsException.class)
  ResponseEntity<Object> insufficientCredits(InsufficientCreditsException ex, WebRequest request) {
    ProblemDetail problem = ProblemBodies.problem(
        HttpStatus.PAYMENT_REQUIRED,
        ProblemCode.INSUFFICIENT_CREDITS,
        "Not enough credits: %d available, %d needed.".formatted(ex.available(), ex.requested()));
    problem.setProperty("available", ex.available());
    problem.setProperty("required", ex.requested());
    return respond(problem, request);
  }

  @ExceptionHandler(AccountNotFoundException.class)
  ResponseEntity<Object> accountNotFound(AccountNotFoundException ex, WebRequest request) {
    return respond(problemOf(ApiException.notFound("Account")), request);
  }

  // Security exceptions thrown inside a controller (method security) must not become 500s.
  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<Object> accessDenied(AccessDeniedException ex, WebRequest request) {
    return respond(
        ProblemBodies.problem(
            HttpStatus.FORBIDDEN, ProblemCode.FORBIDDEN, "This key may not use this endpoint."),
        request);
  }

  @ExceptionHandler(AuthenticationException.class)
  ResponseEntity<Object> unauthenticated(AuthenticationException ex, WebRequest request) {
    ProblemDetail problem = ProblemBodies.problem(
        HttpStatus.UNAUTHORIZED,
        ProblemCode.UNAUTHORIZED,
        "A valid API key is required: Authorization: Bearer <key>.");
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    return createResponseEntity(problem, headers, HttpStatus.UNAUTHORIZED, request);
  }

  // The firewall checks parameter names and values when they are read, inside a handler.
  @ExceptionHandler(RequestRejectedException.class)
  ResponseEntity<Object> requestRejected(RequestRejectedException ex, WebRequest request) {
    log.debug("Request rejected on {}: {}", describe(request), ex.getMessage());
    return respond(
        ProblemBodies.problem(
            HttpStatus.BAD_REQUEST,
            ProblemCode.MALFORMED_REQUEST,
            "The request was refused: a parameter name or value contains characters that are"
                + " not allowed."),
        request);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
    HttpServletResponse response = servletResponse(request);
    boolean committed = response != null && response.isCommitted();
    if (ex instanceof AsyncRequestNotUsableException || committed) {
      // The client went away or the answer is already on the wire: nothing left to say.
      log.debug("Exception after the response was committed: {}", ex.toString());
      return null;
    }
    Optional<ApiException> wrapped = JsonProblems.cause(ex, ApiException.class);
    if (wrapped.isPresent()) {
      // Thrown on purpose somewhere below a wrapper (a future, a proxy): answer it as such.
      return respond(problemOf(wrapped.get()), request);
    }
    log.error("Unexpected error on {}", describe(request), ex);
    return respond(
        ProblemBodies.problem(
            HttpStatus.INTERNAL_SERVER_ERROR, ProblemCode.INTERNAL, GENERIC_DETAIL),
        request);
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return respond(
        ProblemBodies.validationFailed(ValidationErrors.of(ex.getBindingResult())), request);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return respond(ProblemBodies.validationFailed(ValidationErrors.of(ex)), request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    log.debug("Unreadable request body on {}: {}", describe(request), ex.getMessage());
    return respond(JsonProblems.unreadable(ex), request);
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String name = ex.getPropertyName() == null ? "parameter" : ex.getPropertyName();
    String message = JsonProblems.typeExpectation(ex.getRequiredType());
    ProblemDetail problem = ProblemBodies.problem(
        HttpStatus.BAD_REQUEST,
        ProblemCode.INVALID_PARAMETER,
        "Parameter '%s' %s.".formatted(name, message));
    problem.setProperty("errors", List.of(new FieldProblem(name, message)));
    return respond(problem, request);
  }

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestParameter(
      MissingServletRequestParameterException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ProblemDetail problem = ProblemBodies.problem(
        HttpStatus.BAD_REQUEST,
        ProblemCode.MISSING_PARAMETER,
        "Parameter '%s' is required.".formatted(ex.getParameterName()));
    problem.setProperty("errors", List.of(new FieldProblem(ex.getParameterName(), "is required")));
    return respond(problem, request);
  }

  @Override
  protected ResponseEntity<Object> handleServletRequestBindingException(
      ServletRequestBindingException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ProblemDetail problem = ex.getBody();
    if (ex instanceof MissingRequestValueException) {
      problem.setProperty("code", ProblemCode.MISSING_PARAMETER);
    }
    return handleExceptionInternal(ex, problem, headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleNoResourceFoundException(
      NoResourceFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return respond(noEndpoint(ex.getHttpMethod().name(), "/" + ex.getResourcePath()), request);
  }

  @Override
  protected ResponseEntity<Object> handleNoHandlerFoundException(
      NoHandlerFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return respond(noEndpoint(ex.getHttpMethod(), ex.getRequestURL()), request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(
      HttpMediaTypeNotAcceptableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    // Spring would list the producible types in an Accept header; problem+json is what we send.
    return handleExceptionInternal(ex, null, new HttpHeaders(), status, request);
  }

  /**
   * Every answer of the base class passes here: give its problem our code and type, log server
   * errors, and pin the content type so {@code Accept: application/json} still gets
   * problem+json.
   */
  @Override
  protected ResponseEntity<Object> createResponseEntity(
      Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
    ProblemDetail problem = body instanceof ProblemDetail detail
        ? detail
        : ProblemBodies.problem(statusCode, ProblemCode.forStatus(statusCode.value()), null);
    ProblemBodies.complete(problem, null);
    if (problem.getInstance() == null) {
      HttpServletRequest servletRequest = servletRequest(request);
      if (servletRequest != null) {
        problem.setInstance(ProblemBodies.instanceOf(servletRequest.getRequestURI()));
      }
    }
    HttpHeaders responseHeaders = new HttpHeaders();
    if (headers != null) {
      responseHeaders.putAll(headers);
    }
    responseHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    return new ResponseEntity<>(problem, responseHeaders, statusCode);
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex,
      Object body,
      HttpHeaders headers,
      HttpStatusCode statusCode,
      WebRequest request) {
    if (statusCode.value() == 500) {
      // Framework 500s (a missing path variable, an unwritable response) are our bugs: log the
      // cause, tell the client nothing about it.
      log.error("Server error on {}", describe(request), ex);
      body = ProblemBodies.problem(statusCode, ProblemCode.INTERNAL, GENERIC_DETAIL);
    }
    return super.handleExceptionInternal(ex, body, headers, statusCode, request);
  }

  static ProblemDetail problemOf(ApiException ex) {
    ProblemDetail problem = ProblemBodies.problem(ex.status(), ex.code(), ex.getMessage());
    if (!ex.errors().isEmpty()) {
      problem.setProperty(
          "errors",
          ex.errors().stream()
              .sorted(Comparator.comparing(
                  FieldProblem::field, Comparator.nullsFirst(String::compareTo)))
              .toList());
    }
    return problem;
  }

  private static ProblemDetail noEndpoint(String method, String path) {
    return ProblemBodies.problem(
        HttpStatus.NOT_FOUND, ProblemCode.NOT_FOUND, "No endpoint %s %s.".formatted(method, path));
  }

  private ResponseEntity<Object> respond(ProblemDetail problem, WebRequest request) {
    return createResponseEntity(
        problem, new HttpHeaders(), HttpStatusCode.valueOf(problem.getStatus()), request);
  }

  private static String describe(WebRequest request) {
    HttpServletRequest servletRequest = servletRequest(request);
    return servletRequest == null
        ? request.getDescription(false)
        : servletRequest.getMethod() + " " + servletRequest.getRequestURI();
  }

  private static HttpServletRequest servletRequest(WebRequest request) {
    return request instanceof NativeWebRequest nativeRequest
        ? nativeRequest.getNativeRequest(HttpServletRequest.class)
        : null;
  }

  private static HttpServletResponse servletResponse(WebRequest request) {
    return request instanceof NativeWebRequest nativeRequest
        ? nativeRequest.getNativeResponse(HttpServletResponse.class)
        : null;
  }
}
