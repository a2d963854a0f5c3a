package dev.cadenza.api.ratelimit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadenza.api.auth.AuthenticatedUser;
import dev.cadenza.api.auth.SecurityConfiguration;
import dev.cadenza.api.problem.ProblemBodies;
import dev.cadenza.api.problem.ProblemCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The rate limit per API key: every authenticated request to {@code /v1/**} (not the {@link
 * SecurityConfiguration#PUBLIC_PATHS}) takes a token from its principal's bucket (the user id,
 * or {@code admin}); see {@link TokenBuckets}. Without one it is refused with 429 {@code
 * RATE_LIMITED} and {@code Retry-After}. Answers carry {@code X-RateLimit-Limit} (the burst) and
 * {@code X-RateLimit-Remaining}.
 *
 * <p>Runs after Spring Security's filter chain, so the principal is known and requests without a
 * valid key were already refused (and cost nothing). Only the original request counts, not its
 * async (SSE) or error dispatches. If the database cannot be asked the request goes through: the
 * limit protects the service, it is not a reason to fail.
 *
 * <p>Off with {@code app.rate-limit.enabled=false}.
 */
@Component
@ConditionalOnProperty(
    prefix = "app.rate-limit",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
@Order(RateLimitFilter.ORDER)
public class RateLimitFilter extends OncePerRequestFilter {
  /** Right after Spring Security's filter chain. */
  public static final int ORDER = SecurityProperties.DEFAULT_FILTER_ORDER + 10;

  public static final String LIMIT_HEADER = "X-RateLimit-Limit";
  public static final String REMAINING_HEADER = "X-RateLimit-Remaining";

  private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);
  private static final RequestMatcher LIMITED = limitedPaths();

  private final TokenBuckets buckets;
  private final RateLimitProperties properties;
  private final ObjectMapper objectMapper;

  public RateLimitFilter(
      TokenBuckets buckets, RateLimitProperties properties, ObjectMapper objectMapper) {
    this.buckets = buckets;
    this.properties = properties;
    this.objectMapper = objectMapper;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !LIMITED.matches(request);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String bucket =
        bucketOf(SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication());
    if (bucket == null) {
      chain.doFilter(request, response);
      return;
    }
    TokenBuckets.Take take;
    try {
      take = buckets.take(bucket, properties.capacity(), properties.refillPerSecond());
    } catch (DataAccessException e) {
      log.warn("Rate limit not checked for {}: {}", request.getRequestURI(), e.toString());
      chain.doFilter(request, response);
      return;
    }
    response.setHeader(LIMIT_HEADER, Integer.toString(properties.capacity()));
    response.setHeader(REMAINING_HEADER, Long.toString(take.remaining()));
    if (take.allowed()) {
      chain.doFilter(request, response);
      return;
    }
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(take.retryAfterSeconds()));
    ProblemDetail problem = ProblemBodies.problem(
        HttpStatus.TOO_MANY_REQUESTS,
        ProblemCode.RATE_LIMITED,
        "Too many requests with this API key (%d at once, %s per second). Retry in %d s."
            .formatted(
                properties.capacity(),
                BigDecimal.valueOf(properties.refillPerSecond())
                    .stripTrailingZeros()
                    .toPlainString(),
                take.retryAfterSeconds()));
    ProblemBodies.write(request, response, objectMapper, problem);
  }

  /** The bucket of a request's principal; null when it has none (anonymous). */
  static String bucketOf(Authentication authentication) {
    if (authentication == null
        || !authentication.isAuthenticated()
        || authentication instanceof AnonymousAuthenticationToken) {
      return null;
    }
    if (authentication.getPrincipal() instanceof AuthenticatedUser user) {
      return user.id();
    }
    String name = authentication.getName();
    return name == null || name.isEmpty() ? null : name;
  }

  private static RequestMatcher limitedPaths() {
    PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
    RequestMatcher open = new OrRequestMatcher(Arrays.stream(SecurityConfiguration.PUBLIC_PATHS)
        .map(paths::matcher)
        .map(RequestMatcher.class::cast)
        .toList());
    return new AndRequestMatcher(paths.matcher("/v1/**"), new NegatedRequestMatcher(open));
  }
}
