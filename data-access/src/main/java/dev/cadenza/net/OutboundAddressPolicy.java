package dev.cadenza.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Which addresses requests to URLs that users give (pictures to fetch, publication targets) may
 * reach: public unicast addresses only, so that a user cannot make the service call into its own
 * network (loopback, private, link-local such as cloud metadata at 169.254.169.254, carrier-grade
 * NAT, unique-local, multicast, reserved, and IPv6 forms that embed such an IPv4 address), unless
 * the address lies in a network configured as allowed ({@code app.outbound.allowed-networks}).
 *
 * <p>Every address a host resolves to must pass, so a name that also points inside is refused.
 * The check belongs at connection time too ({@link GuardedHttp} resolves through this policy), so
 * that a name that changes its answer between check and connect cannot slip through.
 */
public final class OutboundAddressPolicy {

  private static final List<Cidr> NOT_PUBLIC = List.of(
      Cidr.parse("0.0.0.0/8"),
      Cidr.parse("10.0.0.0/8"),
      Cidr.parse("100.64.0.0/10"),
      Cidr.parse("127.0.0.0/8"),
      Cidr.parse("169.254.0.0/16"),
      Cidr.parse("172.16.0.0/12"),
      Cidr.parse("192.0.0.0/24"),
      Cidr.parse("192.0.2.0/24"),
      Cidr.parse("192.168.0.0/16"),
      Cidr.parse("198.18.0.0/15"),
      Cidr.parse("198.51.100.0/24"),
      Cidr.parse("203.0.113.0/24"),
      Cidr.parse("224.0.0.0/3"),
      Cidr.parse("::/128"),
      Cidr.parse("::1/128"),
      Cidr.parse("100::/64"),
      Cidr.parse("2001:db8::/32"),
      Cidr.parse("fc00::/7"),
      Cidr.parse("fe80::/10"),
      Cidr.parse("fec0::/10"),
      Cidr.parse("ff00::/8"));

  private final List<Cidr> allowed;

  /**
   * @param allowedNetworks networks reachable although not public ({@code 127.0.0.0/8} for tests,
   *     {@code 10.1.0.0/16} for an internal media host); blank entries are ignored
   * @throws IllegalArgumentException when an entry is not an IP network
   */
  public OutboundAddressPolicy(List<String> allowedNetworks) {
    this.allowed = allowedNetworks == null
        ? List.of()
        : allowedNetworks.stream()
            .filter(n -> n != null && !n.isBlank())
            .map(Cidr::parse)
            .toList();
  }

  /** Public addresses only. */
  public static OutboundAddressPolicy publicOnly() {
    return new OutboundAddressPolicy(List.of());
  }

  public boolean permits(InetAddress address) {
    return allowed.stream().anyMatch(c -> c.contains(address)) || isPublic(address);
  }

  /**
   * The addresses of {@code host}, all of them permitted.
   *
   * @throws RefusedAddressException when one is not permitted
   * @throws UnknownHostException when the name does not resolve
   */
  public InetAddress[] resolve(String host) throws UnknownHostException {
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    InetAddress[] addresses = InetAddress.getAllByName(bare);
    for (InetAddress address : addresses) {
      if (!permits(address)) {
        throw new RefusedAddressException(
            bare.equalsIgnoreCase(address.getHostAddress()) || bare.contains(":")
                ? host + " is not a public address"
                : host + " resolves to " + address.getHostAddress()
                    + ", which is not a public address");
      }
    }
    return addresses;
  }

  /**
   * Checks that {@code url} may be requested: http or https, a host, no user info, and every
   * address of the host permitted.
   *
   * @throws RefusedAddressException when it may not
   * @throws UnknownHostException when the host does not resolve
   */
  public void check(URI url) throws UnknownHostException {
    checkSyntax(url);
    resolve(url.getHost());
  }

  /**
   * The checks that need no name lookup: scheme, host, user info, and, when the host is an IP
   * literal or {@code localhost}, its address. For request validation, where the full check
   * (with DNS) would come too early to be the one that counts.
   *
   * @return null when nothing is wrong, else why
   */
  public String quickProblem(URI url) {
    String host = null;
    try {
      checkSyntax(url);
      host = url.getHost().toLowerCase(Locale.ROOT);
      if (host.equals("localhost") || host.endsWith(".localhost") || isLiteral(host)) {
        resolve(host.endsWith(".localhost") ? "localhost" : host);
      }
      return null;
    } catch (RefusedAddressException e) {
      return e.getMessage();
    } catch (UnknownHostException e) {
      // Only localhost and what looks like an IP literal are looked up here: a form the JDK does
      // not read as an address (hex 0x7f000001, octal, out-of-range parts), whose message would
      // be the bare host.
      return host + " is not an IP address this service reads: write an IPv4 address as four"
          + " numbers from 0 to 255 (like 203.0.113.7), or use a host name";
    }
  }

  private static void checkSyntax(URI url) throws RefusedAddressException {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new RefusedAddressException("only http and https URLs can be fetched");
    }
    if (url.getHost() == null || url.getHost().isBlank()) {
      throw new RefusedAddressException("the URL has no host");
    }
    if (url.getRawUserInfo() != null) {
      throw new RefusedAddressException("URLs with user info are not accepted");
    }
  }

  private static boolean isLiteral(String host) {
    return host.startsWith("[") || host.matches("[0-9.]+") || host.matches("0x[0-9a-f.x]+");
  }

  static boolean isPublic(InetAddress address) {
    if (address.isAnyLocalAddress()
        || address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()
        || NOT_PUBLIC.stream().anyMatch(c -> c.contains(address))) {
      return false;
    }
    if (address instanceof Inet6Address v6) {
      InetAddress embedded = embeddedIpv4(v6.getAddress());
      return embedded == null || isPublic(embedded);
    }
    return address instanceof Inet4Address;
  }

  /**
   * The IPv4 address inside an IPv6 one that carries one: IPv4-compatible ({@code ::a.b.c.d}),
   * NAT64 ({@code 64:ff9b::/96}) and 6to4 ({@code 2002::/16}); null for other addresses.
   * (IPv4-mapped addresses already arrive as {@link Inet4Address}.)
   */
  private static InetAddress embeddedIpv4(byte[] v6) {
    byte[] v4 = null;
    if (allZero(v6, 0, 12)) {
      v4 = new byte[] {v6[12], v6[13], v6[14], v6[15]};
    } else if (v6[0] == 0x00
        && v6[1] == 0x64
        && (v6[2] & 0xFF) == 0xff
        && (v6[3] & 0xFF) == 0x9b
        && allZero(v6, 4, 12)) {
      v4 = new byte[] {v6[12], v6[13], v6[14], v6[15]};
    } else if (v6[0] == 0x20 && v6[1] == 0x02) {
      v4 = new byte[] {v6[2], v6[3], v6[4], v6[5]};
    }
    try {
      return v4 == null ? null : InetAddress.getByAddress(v4);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static boolean allZero(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
