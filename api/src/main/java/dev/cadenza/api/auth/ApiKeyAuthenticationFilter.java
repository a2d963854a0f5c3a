package dev.cadenza.api.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <key>}. A missing or bad key leaves the request
 * anonymous: public paths still work, protected ones get the 401 of the entry point (which reads
 * {@link #KEY_REJECTED} to say why). Not a bean, so that the servlet container does not run it a
 * second time outside the security chain.
 */
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {
  /** Request attribute set when a key was presented and rejected. */
  public static final String KEY_REJECTED =
      ApiKeyAuthenticationFilter.class.getName() + ".REJECTED";

  private static final String BEARER = "Bearer ";

  private final AuthenticationManager authenticationManager;
  private final SecurityContextRepository contextRepository;
  private final SecurityContextHolderStrategy holder =
      SecurityContextHolder.getContextHolderStrategy();

  public ApiKeyAuthenticationFilter(
      AuthenticationManager authenticationManager, SecurityContextRepository contextRepository) {
    this.authenticationManager = authenticationManager;
    this.contextRepository = contextRepository;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header != null) {
      authenticate(header, request, response);
    }
    chain.doFilter(request, response);
  }

  private void authenticate(
      String header, HttpServletRequest request, HttpServletResponse response) {
    if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      request.setAttribute(KEY_REJECTED, Boolean.TRUE);
      return;
    }
    String key = header.substring(BEARER.length()).strip();
    try {
      Authentication result =
          authenticationManager.authenticate(ApiKeyAuthentication.unauthenticated(key));
      SecurityContext context = holder.createEmptyContext();
      context.setAuthentication(result);
      holder.setContext(context);
      // Kept as a request attribute so async (SSE) and error dispatches see the same principal.
      contextRepository.saveContext(context, request, response);
    } catch (AuthenticationException e) {
      holder.clearContext();
      request.setAttribute(KEY_REJECTED, Boolean.TRUE);
    }
  }
}
