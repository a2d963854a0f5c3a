package dev.cadenza.api.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's last word on errors that never reach Spring (a malformed URI or header, a request
 * the connector refuses): problem+json instead of Tomcat's HTML page. Errors Spring handles have
 * already written a body and are left alone.
 *
 * <p>The connector's two protocol refusals with 5xx statuses are the client's errors, not the
 * server's, and answer as such: 501 for a method it does not implement ({@code CONNECT})
 * becomes 405 {@code METHOD_NOT_ALLOWED}; 505 for a request line it cannot read as HTTP/1.x
 * ({@code HTTP/2.0}, {@code FOO/1.1}, no version) becomes 400 {@code MALFORMED_REQUEST}.
 */
public class ProblemErrorReportValve extends ErrorReportValve {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Every method some endpoint of the API answers. */
  static final String ALLOWED_METHODS = "GET, HEAD, POST, DELETE, OPTIONS";

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    String detail = detail(status, response);
    if (status == HttpStatus.NOT_IMPLEMENTED.value()) {
      status = HttpStatus.METHOD_NOT_ALLOWED.value();
      detail = "The method " + request.getMethod() + " is not supported.";
      response.setStatus(status);
      response.setHeader("Allow", ALLOWED_METHODS);
    } else if (status == HttpStatus.HTTP_VERSION_NOT_SUPPORTED.value()) {
      status = HttpStatus.BAD_REQUEST.value();
      detail = "The request line is not HTTP/1.1 (or 1.0); this server speaks HTTP/1.1.";
      response.setStatus(status);
    }
    ProblemDetail problem = ProblemBodies.problem(
        HttpStatusCode.valueOf(status), ProblemCode.forStatus(status), detail);
    problem.setInstance(ProblemBodies.instanceOf(request.getDecodedRequestURI()));
    try {
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(JSON.writeValueAsString(ProblemBodies.toJson(problem)));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException | IllegalArgumentException e) {
      // The client is gone or the response cannot take a body any more: nothing to do.
    }
  }

  private static String detail(int status, Response response) {
    if (status >= 500) {
      return ProblemHandler.GENERIC_DETAIL;
    }
    String message = response.getMessage();
    if (message != null && !message.isBlank()) {
      return message;
    }
    HttpStatus known = HttpStatus.resolve(status);
    return known == null ? "The request was refused." : known.getReasonPhrase() + ".";
  }
}
