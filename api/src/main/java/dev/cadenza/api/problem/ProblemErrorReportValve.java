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
 */
public class ProblemErrorReportValve extends ErrorReportValve {
  private static final ObjectMapper JSON = new ObjectMapper();

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
    ProblemDetail problem = ProblemBodies.problem(
        HttpStatusCode.valueOf(status), ProblemCode.forStatus(status), detail(status, response));
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
