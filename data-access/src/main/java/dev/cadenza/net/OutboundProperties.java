package dev.cadenza.net;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outbound requests to URLs users give ({@code app.outbound.*}).
 *
 * @param allowedNetworks networks those requests may reach although they are not public, e.g.
 *     {@code 127.0.0.0/8} in tests or {@code 10.1.0.0/16} for an internal media host; empty by
 *     default (public addresses only). Checked at start-up.
 */
@ConfigurationProperties(prefix = "app.outbound")
public record OutboundProperties(@DefaultValue List<String> allowedNetworks) {

  public OutboundProperties {
    allowedNetworks = allowedNetworks == null ? List.of() : List.copyOf(allowedNetworks);
    new OutboundAddressPolicy(allowedNetworks); // fails the start-up on a malformed network
  }

  public OutboundAddressPolicy policy() {
    return new OutboundAddressPolicy(allowedNetworks);
  }
}
