package dev.cadenza.api.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import java.util.Arrays;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Stateless bearer-key security. {@code /v1/admin/**} needs the admin key ({@code ROLE_ADMIN}),
 * the rest of {@code /v1/**} a user key ({@code ROLE_USER}), except the {@link #PUBLIC_PATHS};
 * any other path needs the admin key. Failures answer problem+json: 401 {@code UNAUTHORIZED}
 * (no or unknown key) and 403 {@code FORBIDDEN} (the wrong kind of key).
 *
 * <p>Reads {@code app.admin-api-key}; when it is blank no request is an admin. With {@link
 * JwtConfiguration} active, a bearer JWT of the identity provider also authenticates a user
 * ({@code ROLE_USER} only).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {
  /**
   * Open to anyone: signed downloads, the public feed and published files, the credit packages,
   * Stripe's webhook (its signature is the check), probes, scraping, API docs, errors.
   */
  public static final String[] PUBLIC_PATHS = {
    "/v1/files/**",
    "/v1/feed",
    "/v1/public/**",
    "/v1/credits/packages",
    "/v1/webhooks/stripe",
    "/actuator/health/**",
    "/actuator/prometheus",
    "/v3/api-docs/**",
    "/swagger-ui/**",
    "/swagger-ui.html",
    "/error"
  };

  @Bean
  public ApiKeyAuthenticationProvider apiKeyAuthenticationProvider(
      @Value("${app.admin-api-key:}") String adminApiKey, ApiKeyLookup apiKeyLookup) {
    return new ApiKeyAuthenticationProvider(adminApiKey, apiKeyLookup);
  }

  /** Firewall refusals as problems (picked up by Spring Security's {@code WebSecurity}). */
  @Bean
  public ProblemRequestRejectedHandler problemRequestRejectedHandler(ObjectMapper objectMapper) {
    return new ProblemRequestRejectedHandler(objectMapper);
  }

  @Bean
  public SecurityFilterChain apiSecurityFilterChain(
      HttpSecurity http,
      ApiKeyAuthenticationProvider apiKeyAuthenticationProvider,
      ObjectProvider<JwtUserAuthenticationProvider> jwtUserAuthenticationProvider,
      ObjectMapper objectMapper)
      throws Exception {
    RequestAttributeSecurityContextRepository contextRepository =
        new RequestAttributeSecurityContextRepository();
    JwtUserAuthenticationProvider jwt = jwtUserAuthenticationProvider.getIfAvailable();
    ApiKeyAuthenticationFilter apiKeyFilter = jwt == null
        ? new ApiKeyAuthenticationFilter(
            new ProviderManager(apiKeyAuthenticationProvider), contextRepository)
        : new ApiKeyAuthenticationFilter(
            new ProviderManager(apiKeyAuthenticationProvider, jwt),
            contextRepository,
            // What looks like an API key (cdz_..., the admin key) stays an API key.
            bearer -> !bearer.startsWith(ApiKeys.PREFIX)
                && !apiKeyAuthenticationProvider.isAdminKey(bearer));
    ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(objectMapper);
    return http.csrf(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .securityContext(c -> c.securityContextRepository(contextRepository))
        .addFilterBefore(apiKeyFilter, AnonymousAuthenticationFilter.class)
        .authorizeHttpRequests(requests -> requests
            // The original request was already checked; its async (SSE) and error
            // dispatches are not requests of their own.
            .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
            .permitAll()
            .requestMatchers(paths(PUBLIC_PATHS))
            .permitAll()
            .requestMatchers(paths("/v1/admin/**"))
            .hasRole("ADMIN")
            .requestMatchers(paths("/v1/**"))
            .hasRole("USER")
            .anyRequest()
            .hasRole("ADMIN"))
        .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint)
            .accessDeniedHandler(new ProblemAccessDeniedHandler(objectMapper)))
        .build();
  }

  // Path patterns, not MVC matchers: independent of how many servlets the application has.
  private static RequestMatcher[] paths(String... patterns) {
    PathPatternRequestMatcher.Builder builder = PathPatternRequestMatcher.withDefaults();
    return Arrays.stream(patterns).map(builder::matcher).toArray(RequestMatcher[]::new);
  }
}
