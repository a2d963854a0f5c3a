package dev.cadenza.api.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadenza.api.problem.ProblemBodies;
import dev.cadenza.api.problem.ProblemCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/** 401 {@code UNAUTHORIZED} problem with {@code WWW-Authenticate: Bearer}. */
public class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {
  private final ObjectMapper objectMapper;

  public ProblemAuthenticationEntryPoint(ObjectMapper objectMapper) {
    this.objectMapper = objectMapper;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
      throws IOException {
    boolean rejected = request.getAttribute(ApiKeyAuthenticationFilter.KEY_REJECTED) != null;
    boolean jwt = request.getAttribute(ApiKeyAuthenticationFilter.JWT_REJECTED) != null;
    String detail = jwt
        ? "The bearer token is not valid, or names no user of this service."
        : rejected
            ? "The API key is not valid."
            : "An API key is required: send Authorization: Bearer <key>.";
    response.setHeader(
        HttpHeaders.WWW_AUTHENTICATE, rejected ? "Bearer error=\"invalid_token\"" : "Bearer");
    ProblemBodies.write(
        request,
        response,
        objectMapper,
        ProblemBodies.problem(HttpStatus.UNAUTHORIZED, ProblemCode.UNAUTHORIZED, detail));
  }
}
