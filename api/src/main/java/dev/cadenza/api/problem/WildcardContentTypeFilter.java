package dev.cadenza.api.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request {@code Content-Type} with a wildcard ({@code *}{@code /*}, {@code application/*})
 * names no format. Spring MVC fails on one with an {@code IllegalArgumentException} (a 500) as
 * soon as it builds the request's headers with the charset the encoding filter set. A request
 * with a body and such a type is refused with 415 {@code UNSUPPORTED_MEDIA_TYPE}; without a
 * body the header is dropped, as if absent.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
public class WildcardContentTypeFilter extends OncePerRequestFilter {
  private final ObjectMapper objectMapper;

  public WildcardContentTypeFilter(ObjectMapper objectMapper) {
    this.objectMapper = objectMapper;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String contentType = request.getContentType();
    if (contentType == null || !isWildcard(contentType)) {
      chain.doFilter(request, response);
      return;
    }
    boolean body =
        request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    if (body) {
      ProblemBodies.write(
          request,
          response,
          objectMapper,
          ProblemBodies.problem(
              HttpStatus.UNSUPPORTED_MEDIA_TYPE,
              ProblemCode.UNSUPPORTED_MEDIA_TYPE,
              "Content-Type must name the body's format (application/json), not a wildcard."));
      return;
    }
    chain.doFilter(new WithoutHeaderRequest(request, HttpHeaders.CONTENT_TYPE), response);
  }

  static boolean isWildcard(String contentType) {
    try {
      return !MediaType.parseMediaType(contentType).isConcrete();
    } catch (InvalidMediaTypeException e) {
      return false; // Spring answers an unreadable type itself (415)
    }
  }
}
