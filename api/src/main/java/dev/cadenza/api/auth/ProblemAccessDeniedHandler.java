package dev.cadenza.api.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadenza.api.problem.ProblemBodies;
import dev.cadenza.api.problem.ProblemCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 403 {@code FORBIDDEN} problem: a valid key used where its kind is not allowed. */
public class ProblemAccessDeniedHandler implements AccessDeniedHandler {
  private final ObjectMapper objectMapper;

  public ProblemAccessDeniedHandler(ObjectMapper objectMapper) {
    this.objectMapper = objectMapper;
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
      throws IOException {
    boolean admin =
        SecurityContextHolder.getContext().getAuthentication() instanceof ApiKeyAuthentication key
            && key.isAdmin();
    String detail = admin
        ? "The admin key is for /v1/admin endpoints only; use a user's API key here."
        : "This API key may not use this endpoint.";
    ProblemBodies.write(
        request,
        response,
        objectMapper,
        ProblemBodies.problem(HttpStatus.FORBIDDEN, ProblemCode.FORBIDDEN, detail));
  }
}
