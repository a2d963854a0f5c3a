package dev.cadenza.api.problem;

import dev.cadenza.api.auth.SecurityConfiguration;
import dev.cadenza.api.validation.StrictInputJackson;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The web plumbing every controller slice needs: security, the problem handler, the error
 * controller and the body limit. Slices list it with their controller in
 * {@code @ContextConfiguration}, so they do not depend on the rest of the application's beans:
 *
 * <pre>{@code
 * @WebMvcTest(properties = {NO_EMBEDDED_DATABASE, NO_EMBEDDED_TEMPORAL, "app.admin-api-key=" + ADMIN_KEY})
 * @ContextConfiguration(classes = {ApiWebTestConfiguration.class, MyController.class})
 * }</pre>
 *
 * plus {@code @MockitoBean ApiKeyLookup}.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({
  SecurityConfiguration.class,
  ProblemHandler.class,
  ProblemErrorController.class,
  BodySizeLimitFilter.class,
  TextCheckingJacksonConfiguration.class,
  StrictInputJackson.class
})
public class ApiWebTestConfiguration {
  /**
   * With both addresses set, the embedded infrastructure starts nothing; a slice has no data
   * source or Temporal client, so nothing connects to them.
   */
  public static final String NO_EMBEDDED_DATABASE =
      "app.database-url=jdbc:postgresql://127.0.0.1:1/unused";

  public static final String NO_EMBEDDED_TEMPORAL = "spring.temporal.connection.target=127.0.0.1:1";

  public static final String ADMIN_KEY = "test-admin-key-0123456789";
  /** A well-formed user key; tests decide with the mocked lookup whether it exists. */
  public static final String USER_KEY = "cdz_" + "A".repeat(32);

  public static final String ADMIN = "Bearer " + ADMIN_KEY;
  public static final String USER = "Bearer " + USER_KEY;
}
