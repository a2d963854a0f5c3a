package dev.cadenza.api.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Predicate;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <key>}. A missing or bad key leaves the request
 * anonymous: public paths still work, protected ones get the 401 of the entry point (which reads
 * {@link #KEY_REJECTED} to say why). Not a bean, so that the servlet container does not run it a
 * second time outside the security chain.
 *
 * <p>With JWTs enabled, a bearer the {@code jwtBearer} test accepts (anything that is not shaped
 * like an API key) is checked as a JWT ({@link BearerTokenAuthenticationToken}) by the same
 * authentication manager; API keys take exactly the path they took before.
 */
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {
  /** Request attribute set when a key was presented and rejected. */
  public static final String KEY_REJECTED =
      ApiKeyAuthenticationFilter.class.getName() + ".REJECTED";
  /** Request attribute set, beside {@link #KEY_REJECTED}, when the rejected bearer was a JWT. */
  public static final String JWT_REJECTED =
      ApiKeyAuthenticationFilter.class.getName() + ".JWT_REJECTED";

  private static final String BEARER = "Bearer ";

  private final AuthenticationManager authenticationManager;
  private final SecurityContextRepository contextRepository;
  private final SecurityContextHolderStrategy holder =
      SecurityContextHolder.getContextHolderStrategy();

  private final Predicate<String> jwtBearer;

  public ApiKeyAuthenticationFilter(
      AuthenticationManager authenticationManager, SecurityContextRepository contextRepository) {
    this(authenticationManager, contextRepository, bearer -> false);
  }

  /**
   * @param jwtBearer whether a presented bearer is to be checked as a JWT rather than an API key
   */
  public ApiKeyAuthenticationFilter(
      AuthenticationManager authenticationManager,
      SecurityContextRepository contextRepository,
      Predicate<String> jwtBearer) {
    this.authenticationManager = authenticationManager;
    this.contextRepository = contextRepository;
    this.jwtBearer = jwtBearer;
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
    boolean jwt = !key.isEmpty() && jwtBearer.test(key);
    try {
      Authentication result = authenticationManager.authenticate(
          jwt
              ? new BearerTokenAuthenticationToken(key)
              : ApiKeyAuthentication.unauthenticated(key));
      SecurityContext context = holder.createEmptyContext();
      context.setAuthentication(result);
      holder.setContext(context);
      // Kept as a request attribute so async (SSE) and error dispatches see the same principal.
      contextRepository.saveContext(context, request, response);
    } catch (AuthenticationException e) {
      holder.clearContext();
      request.setAttribute(KEY_REJECTED, Boolean.TRUE);
      if (jwt) {
        request.setAttribute(JWT_REJECTED, Boolean.TRUE);
      }
    }
  }
}
