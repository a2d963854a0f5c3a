package dev.cadenza.api.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadenza.api.problem.ProblemBodies;
import dev.cadenza.api.problem.ProblemCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Answers what Spring Security's firewall refuses before any filter or controller sees it (a
 * method other than the standard ones, {@code ..} or {@code //} or an encoded slash in the
 * path, control characters in a header) with a problem instead of an empty 400: 405 {@code
 * METHOD_NOT_ALLOWED} for a method, 400 {@code MALFORMED_REQUEST} for the rest. The default
 * handler's {@code sendError} led to an error dispatch that the firewall refused again, so the
 * client got a 400 without a body.
 */
public class ProblemRequestRejectedHandler implements RequestRejectedHandler {
  private static final Logger log = LoggerFactory.getLogger(ProblemRequestRejectedHandler.class);
  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
  /** Every method some endpoint of the API answers. */
  static final String ALLOWED_METHODS = "GET, HEAD, POST, DELETE, OPTIONS";

  private final ObjectMapper objectMapper;

  public ProblemRequestRejectedHandler(ObjectMapper objectMapper) {
    this.objectMapper = objectMapper;
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, RequestRejectedException exception)
      throws IOException {
    log.debug("Request rejected: {}", exception.getMessage());
    if (response.isCommitted()) {
      return;
    }
    response.reset();
    if (!METHODS.contains(request.getMethod())) {
      response.setHeader(HttpHeaders.ALLOW, ALLOWED_METHODS);
      ProblemBodies.write(
          request,
          response,
          objectMapper,
          ProblemBodies.problem(
              HttpStatus.METHOD_NOT_ALLOWED,
              ProblemCode.METHOD_NOT_ALLOWED,
              "This API does not answer the method " + printable(request.getMethod()) + "."));
      return;
    }
    // Not the firewall's message: it may quote a header value back.
    ProblemBodies.write(
        request,
        response,
        objectMapper,
        ProblemBodies.problem(
            HttpStatus.BAD_REQUEST,
            ProblemCode.MALFORMED_REQUEST,
            "The request was refused: its path or headers contain characters or sequences"
                + " that are not allowed (such as .., //, encoded slashes or control"
                + " characters)."));
  }

  private static String printable(String method) {
    String text = method == null ? "" : method;
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && i < 20; i++) {
      char c = text.charAt(i);
      out.append(c >= 0x21 && c < 0x7f ? c : '?');
    }
    return out.toString();
  }
}
