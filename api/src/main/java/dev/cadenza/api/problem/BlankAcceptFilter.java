package dev.cadenza.api.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An {@code Accept} header with an empty value names no format; clients that send one mean "any"
 * (as if the header were absent). Left as it is, it reached Actuator's Prometheus endpoint as "no
 * output format" and failed there with a NullPointerException (a 500), so it is dropped here.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
public class BlankAcceptFilter extends OncePerRequestFilter {
  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    List<String> accept = Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
    boolean blank = !accept.isEmpty() && accept.stream().allMatch(String::isBlank);
    chain.doFilter(
        blank ? new WithoutHeaderRequest(request, HttpHeaders.ACCEPT) : request, response);
  }
}
