package dev.cadenza.api.webhooks;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which webhook URLs may be called: public addresses only (no loopback, private, link-local,
 * unique-local, multicast or unspecified ones, which would let a user reach into our own
 * network), unless {@code app.webhooks.allow-private-targets} is set (tests, internal receivers).
 * Checked when the generation is accepted (IP literals and localhost) and before every attempt
 * (all addresses the name resolves to).
 */
@Component
public class WebhookTargets {
  private final boolean allowPrivate;

  public WebhookTargets(
      @Value("${app.webhooks.allow-private-targets:false}") boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
  }

  /** Why the URL may not be used, judged without DNS; null when it may (so far). */
  public String quickProblem(URI url) {
    if (allowPrivate) {
      return null;
    }
    String host = url.getHost();
    if (host == null) {
      return "has no host";
    }
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (bare.equalsIgnoreCase("localhost") || bare.toLowerCase().endsWith(".localhost")) {
      return "must not point at this server (localhost)";
    }
    if (bare.matches("[0-9.]+") || bare.contains(":")) {
      try {
        return isPublic(InetAddress.getByName(bare)) ? null : "must be a public address";
      } catch (IOException e) {
        return "is not a valid address";
      }
    }
    return null;
  }

  /**
   * Resolves the host and checks every address.
   *
   * @throws RefusedTargetException when one is not public (and that is not allowed)
   */
  public void check(URI url) throws IOException {
    String host = url.getHost();
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    for (InetAddress address : InetAddress.getAllByName(bare)) {
      if (!allowPrivate && !isPublic(address)) {
        throw new RefusedTargetException(
            host + " resolves to " + address.getHostAddress() + ", not a public address");
      }
    }
  }

  static boolean isPublic(InetAddress a) {
    if (a.isAnyLocalAddress()
        || a.isLoopbackAddress()
        || a.isLinkLocalAddress()
        || a.isSiteLocalAddress()
        || a.isMulticastAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet6Address) {
      return (b[0] & 0xfe) != 0xfc; // fc00::/7 unique-local
    }
    // 100.64.0.0/10 carrier-grade NAT, 0.0.0.0/8
    return !((b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64) && b[0] != 0;
  }

  /** A target that must not be called. */
  public static class RefusedTargetException extends IOException {
    public RefusedTargetException(String message) {
      super(message);
    }
  }
}
