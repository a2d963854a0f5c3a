package dev.cadenza.api.problem;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * Replaces Spring Boot's whitelabel/JSON {@code /error} so that errors the servlet container
 * handles (an exception in a filter, {@code response.sendError}) also answer problem+json. Boot's
 * {@code BasicErrorController} backs off when an {@link ErrorController} bean exists.
 */
@Hidden
@RestController
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemErrorController implements ErrorController {
  private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

  private final ErrorAttributes errorAttributes;

  public ProblemErrorController(ErrorAttributes errorAttributes) {
    this.errorAttributes = errorAttributes;
  }

  @RequestMapping
  public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    Throwable error = errorAttributes.getError(new ServletWebRequest(request));
    ProblemDetail problem = problemFor(request, error);
    String path = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    problem.setInstance(ProblemBodies.instanceOf(path != null ? path : request.getRequestURI()));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    if (problem.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
      headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
    return new ResponseEntity<>(problem, headers, HttpStatusCode.valueOf(problem.getStatus()));
  }

  private static ProblemDetail problemFor(HttpServletRequest request, Throwable error) {
    ApiException api = JsonProblems.cause(error, ApiException.class).orElse(null);
    if (api != null) {
      return ProblemHandler.problemOf(api);
    }
    HttpStatus status = status(request);
    if (status.is5xxServerError()) {
      if (error != null) {
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        log.error("Unhandled error on {}", path, error);
      }
      return ProblemBodies.problem(
          status, ProblemCode.forStatus(status.value()), ProblemHandler.GENERIC_DETAIL);
    }
    Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
    String detail =
        message instanceof String text && !text.isBlank() ? text : status.getReasonPhrase() + ".";
    return ProblemBodies.problem(status, ProblemCode.forStatus(status.value()), detail);
  }

  private static HttpStatus status(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
    // Reached directly (GET /error) or with an odd status: treat it as "not found" rather than
    // inventing a server error.
    if (status == null || status.value() < 400) {
      return HttpStatus.NOT_FOUND;
    }
    return status;
  }
}
