package dev.cadenza.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GPU worker addresses, for the fleet client of the activities and the API's fleet status: a
 * static list, or one DNS name resolving to many (a Kubernetes headless service, a round-robin
 * DNS record), or a mix of both.
 *
 * <p>Each configured entry is {@code host:port}. When {@code host} is a DNS name, the entry stands
 * for one {@code ip:port} per address the name resolves to ({@link InetAddress#getAllByName}),
 * IPv4 first then IPv6 ({@code [2001:db8::1]:50051}), each in ascending order. A name is resolved
 * again at most once per refresh interval (default 10 s), when the list is asked for; meanwhile
 * other callers keep getting the previous answer instead of waiting for DNS. When resolution fails
 * the last good answer is kept; a name that never resolved stands for itself ({@code host:port},
 * which gRPC then tries to resolve on its own) until it does.
 *
 * <p>IP literals ({@code 10.0.0.7:50051}, {@code [::1]:50051}) and anything that is not {@code
 * host:port} (a gRPC target such as {@code dns:///name:443}) pass through unchanged. Blank entries
 * are ignored, duplicates in the result dropped, order otherwise kept.
 *
 * <p>Note that the JVM caches successful lookups itself ({@code networkaddress.cache.ttl}, 30 s by
 * default without a security manager): to see DNS changes within the refresh interval, set that
 * security property (or {@code -Dsun.net.inetaddr.ttl}) to at most the interval.
 *
 * <p>Thread-safe.
 */
public final class FleetAddresses implements Supplier<List<String>> {

  /** Resolves a host name to its addresses; {@link InetAddress#getAllByName} by default. */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(FleetAddresses.class);
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final List<Entry> entries;

  /** Entries re-resolved at most every {@link #DEFAULT_REFRESH}, with the system resolver. */
  public FleetAddresses(List<String> entries) {
    this(entries, DEFAULT_REFRESH);
  }

  public FleetAddresses(List<String> entries, Duration refresh) {
    this(entries, refresh, InetAddress::getAllByName);
  }

  /**
   * @param entries {@code host:port} of workers or of DNS names standing for several workers
   * @param refresh the shortest time between two resolutions of one name
   * @param resolver how names are resolved
   * @throws IllegalArgumentException when an entry has a port that is not 0..65535
   */
  public FleetAddresses(List<String> entries, Duration refresh, Resolver resolver) {
    this(entries, refresh, resolver, System::nanoTime);
  }

  FleetAddresses(List<String> entries, Duration refresh, Resolver resolver, LongSupplier nanoTime) {
    Objects.requireNonNull(resolver, "resolver");
    Objects.requireNonNull(nanoTime, "nanoTime");
    if (refresh.isNegative()) {
      throw new IllegalArgumentException("refresh must be >= 0, was " + refresh);
    }
    this.entries = entries.stream()
        .filter(Objects::nonNull)
        .map(String::strip)
        .filter(e -> !e.isEmpty())
        .map(e -> parse(e, refresh.toNanos(), resolver, nanoTime))
        .toList();
  }

  /** The current addresses, resolving names whose answer is older than the refresh interval. */
  @Override
  public List<String> get() {
    LinkedHashSet<String> addresses = new LinkedHashSet<>();
    for (Entry entry : entries) {
      addresses.addAll(entry.addresses());
    }
    return List.copyOf(addresses);
  }

  @Override
  public String toString() {
    return "FleetAddresses" + entries.stream().map(Entry::toString).toList();
  }

  /** {@code ip:port}, with IPv6 in brackets and in its shortest form (RFC 5952). */
  static String format(InetAddress address, int port) {
    if (address instanceof Inet6Address v6) {
      return "[" + shortIpv6(v6.getAddress()) + "]:" + port;
    }
    return address.getHostAddress() + ":" + port;
  }

  private static Entry parse(String entry, long refreshNanos, Resolver resolver, LongSupplier now) {
    int colon = entry.lastIndexOf(':');
    if (entry.contains("/") || entry.startsWith("[") || colon < 0) {
      return new Fixed(entry);
    }
    String host = entry.substring(0, colon);
    if (host.isEmpty() || host.contains(":")) {
      return new Fixed(entry);
    }
    int port;
    try {
      port = Integer.parseInt(entry.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "GPU worker address \"" + entry + "\" is not host:port with a port of 0..65535");
    }
    if (IPV4.matcher(host).matches()) {
      return new Fixed(entry);
    }
    return new Name(entry, host, port, refreshNanos, resolver, now);
  }

  private static String shortIpv6(byte[] bytes) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
    }
    // The longest run of two or more zero groups (the first one on a tie) becomes "::".
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int start = i;
      while (i < 8 && groups[i] == 0) {
        i++;
      }
      if (i - start > bestLength) {
        bestStart = start;
        bestLength = i - start;
      }
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        text.append("::");
        i += bestLength - 1;
        continue;
      }
      if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(groups[i]));
    }
    return text.toString();
  }

  private sealed interface Entry permits Fixed, Name {
    List<String> addresses();
  }

  /** An IP literal or a target that is not host:port: used as is. */
  private record Fixed(String address) implements Entry {
    @Override
    public List<String> addresses() {
      return List.of(address);
    }

    @Override
    public String toString() {
      return address;
    }
  }

  /** A DNS name and its last answer. */
  private static final class Name implements Entry {

    /** What the name stood for as of {@code checkedAtNanos}. */
    private record Answer(List<String> addresses, boolean resolved, long checkedAtNanos) {}

    private static final Comparator<InetAddress> ORDER = Comparator.<InetAddress>comparingInt(
            a -> a instanceof Inet4Address ? 0 : 1)
        .thenComparing(InetAddress::getAddress, Arrays::compareUnsigned);

    private final String entry;
    private final String host;
    private final int port;
    private final long refreshNanos;
    private final Resolver resolver;
    private final LongSupplier nanoTime;
    private final ReentrantLock resolving = new ReentrantLock();
    private volatile Answer answer;

    Name(
        String entry,
        String host,
        int port,
        long refreshNanos,
        Resolver resolver,
        LongSupplier nanoTime) {
      this.entry = entry;
      this.host = host;
      this.port = port;
      this.refreshNanos = refreshNanos;
      this.resolver = resolver;
      this.nanoTime = nanoTime;
    }

    @Override
    public List<String> addresses() {
      Answer current = answer;
      if (isFresh(current)) {
        return current.addresses();
      }
      // The first caller waits for an answer; later ones keep the old one while a refresh runs.
      if (current == null) {
        resolving.lock();
      } else if (!resolving.tryLock()) {
        return current.addresses();
      }
      try {
        current = answer;
        if (!isFresh(current)) {
          current = resolve(current);
          answer = current;
        }
        return current.addresses();
      } finally {
        resolving.unlock();
      }
    }

    private boolean isFresh(Answer current) {
      return current != null && nanoTime.getAsLong() - current.checkedAtNanos() < refreshNanos;
    }

    private Answer resolve(Answer previous) {
      long now = nanoTime.getAsLong();
      try {
        InetAddress[] found = resolver.resolve(host);
        if (found == null || found.length == 0) {
          throw new UnknownHostException(host + ": no addresses");
        }
        List<String> addresses = Arrays.stream(found)
            .sorted(ORDER)
            .map(a -> format(a, port))
            .distinct()
            .toList();
        if (previous == null || !previous.addresses().equals(addresses)) {
          log.info("GPU worker name {} resolves to {}", entry, addresses);
        }
        return new Answer(addresses, true, now);
      } catch (UnknownHostException | RuntimeException e) {
        boolean hadAnswer = previous != null && previous.resolved();
        log.warn(
            "cannot resolve GPU worker name {} ({}); {}",
            entry,
            e.toString(),
            hadAnswer ? "keeping " + previous.addresses() : "using it as is");
        return hadAnswer
            ? new Answer(previous.addresses(), true, now)
            : new Answer(List.of(entry), false, now);
      }
    }

    @Override
    public String toString() {
      Answer current = answer;
      return entry + (current == null ? "" : "=" + current.addresses());
    }
  }
}
