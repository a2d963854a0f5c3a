package dev.cadenza.api.webhooks;

import dev.cadenza.net.OutboundAddressPolicy;
import dev.cadenza.net.OutboundProperties;
import java.io.IOException;
import java.net.URI;
import org.springframework.stereotype.Component;

/**
 * Which webhook URLs may be called: the same rule as every request to a URL a user gives ({@link
 * OutboundAddressPolicy}: public addresses only unless {@code app.outbound.allowed-networks}
 * lists the network). Checked when the generation is accepted (without DNS) and before every
 * attempt (every address the name resolves to).
 */
@Component
public class WebhookTargets {
  private final OutboundAddressPolicy policy;

  public WebhookTargets(OutboundProperties outbound) {
    this.policy = outbound.policy();
  }

  /** Why the URL may not be used, judged without DNS; null when it may (so far). */
  public String quickProblem(URI url) {
    return policy.quickProblem(url);
  }

  /**
   * Resolves the host and checks every address.
   *
   * @throws dev.cadenza.net.RefusedAddressException when one is not permitted
   * @throws IOException when the name does not resolve
   */
  public void check(URI url) throws IOException {
    policy.check(url);
  }
}
