package dev.cadenza.api.e2e;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of every test on the shared embedded stack (Temporal dev server, PostgreSQL, local
 * storage, GPU worker) over HTTP. One set of properties, so that all such classes share one cached
 * Spring context; and the data directory is emptied when the first of them initializes, before any
 * context starts, never under a running database.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "app.data-dir=" + EmbeddedStack.DATA_DIR,
      "app.admin-api-key=" + EmbeddedStackTest.ADMIN,
      // Half a second of model time per GPU job leaves room to cancel mid-generation.
      "app.gpu.embedded.simulated-seconds=0.5"
    })
public abstract class EmbeddedStackTest {
  /** The admin key of the shared context. */
  public static final String ADMIN = "e2e-admin-key-0123456789abcdef";

  static {
    EmbeddedStack.cleanDataDir();
  }

  @LocalServerPort
  protected int port;

  /**
   * Payments against Stripe's mock server, when it is installed (declared here, in the base, so
   * every subclass keeps sharing the one context). Without it payments stay unconfigured and the
   * payments tests fail in CI or skip ({@link StripeMock#require()}).
   */
  @DynamicPropertySource
  static void payments(DynamicPropertyRegistry registry) {
    StripeMock.apiBase().ifPresent(base -> {
      registry.add("app.payments.stripe.secret-key", () -> StripeMock.SECRET_KEY);
      registry.add("app.payments.stripe.webhook-secret", () -> StripeMock.WEBHOOK_SECRET);
      registry.add("app.payments.stripe.api-base", () -> base);
    });
  }
}
