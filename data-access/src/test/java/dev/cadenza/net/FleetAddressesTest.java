package dev.cadenza.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FleetAddressesTest {

  private static final Duration REFRESH = Duration.ofSeconds(10);

  private final AtomicLong nanos = new AtomicLong();
  private final AtomicInteger lookups = new AtomicInteger();
  /** What the fake DNS answers next: addresses, or null for a failure. */
  private volatile List<String> dns;

  private final FleetAddresses.Resolver fakeDns = host -> {
    lookups.incrementAndGet();
    List<String> answer = dns;
    if (answer == null) {
      throw new UnknownHostException(host);
    }
    List<InetAddress> addresses = new ArrayList<>();
    for (String ip : answer) {
      addresses.add(InetAddress.getByAddress(host, InetAddress.getByName(ip).getAddress()));
    }
    return addresses.toArray(InetAddress[]::new);
  };

  private FleetAddresses fake(String... entries) {
    return new FleetAddresses(List.of(entries), REFRESH, fakeDns, nanos::get);
  }

  @Test
  void ipLiteralsPassThroughWithoutALookup() {
    FleetAddresses.Resolver noDns = host -> {
      throw new AssertionError("looked up " + host);
    };
    FleetAddresses addresses = new FleetAddresses(
        List.of(
            " 10.0.0.7:50051",
            "",
            "[::1]:50052",
            "[2001:db8::1]:7",
            "10.0.0.7:50051",
            "dns:///gpu.internal:443"),
        REFRESH,
        noDns);

    assertThat(addresses.get())
        .containsExactly(
            "10.0.0.7:50051", "[::1]:50052", "[2001:db8::1]:7", "dns:///gpu.internal:443");
  }

  @Test
  void localhostBecomesOneEntryPerAddress() throws Exception {
    List<String> addresses = new FleetAddresses(List.of("localhost:50051")).get();

    assertThat(addresses)
        .contains("127.0.0.1:50051")
        .allMatch(a -> a.equals("127.0.0.1:50051") || a.equals("[::1]:50051"), "loopback")
        .hasSize(InetAddress.getAllByName("localhost").length)
        .doesNotHaveDuplicates();
  }

  @Test
  void aNameResolvingToThreeAddressesBecomesThreeWorkers() {
    dns = List.of("10.1.0.3", "10.1.0.1", "10.1.0.2");
    FleetAddresses addresses = fake("10.9.9.9:50051", "gpu-workers:50051", "10.1.0.2:50051");

    assertThat(addresses.get())
        .containsExactly("10.9.9.9:50051", "10.1.0.1:50051", "10.1.0.2:50051", "10.1.0.3:50051");
  }

  @Test
  void resolvesAgainAtMostOncePerRefreshInterval() {
    dns = List.of("10.1.0.1", "10.1.0.2", "10.1.0.3");
    FleetAddresses addresses = fake("gpu-workers:50051");

    assertThat(addresses.get()).hasSize(3);
    dns = List.of("10.1.0.1", "10.1.0.4");
    nanos.addAndGet(REFRESH.toNanos() - 1);
    assertThat(addresses.get()).as("within the interval").hasSize(3);
    assertThat(addresses.get()).hasSize(3);
    assertThat(lookups).hasValue(1);

    nanos.addAndGet(1);
    assertThat(addresses.get()).containsExactly("10.1.0.1:50051", "10.1.0.4:50051");
    assertThat(lookups).hasValue(2);
  }

  @Test
  void keepsTheLastGoodAnswerWhenResolutionFails() {
    dns = List.of("10.1.0.1", "10.1.0.2", "10.1.0.3");
    FleetAddresses addresses = fake("gpu-workers:50051");
    List<String> good = addresses.get();

    dns = null;
    nanos.addAndGet(REFRESH.toNanos());
    assertThat(addresses.get()).isEqualTo(good);
    assertThat(lookups).hasValue(2);
    nanos.addAndGet(REFRESH.toNanos() / 2);
    assertThat(addresses.get()).as("a failure also waits for the interval").isEqualTo(good);
    assertThat(lookups).hasValue(2);

    dns = List.of("10.1.0.5");
    nanos.addAndGet(REFRESH.toNanos());
    assertThat(addresses.get()).containsExactly("10.1.0.5:50051");
  }

  @Test
  void aNameThatNeverResolvedStandsForItselfUntilItDoes() {
    dns = null;
    FleetAddresses addresses = fake("gpu-workers:50051", "10.0.0.1:50051");

    assertThat(addresses.get()).containsExactly("gpu-workers:50051", "10.0.0.1:50051");
    assertThat(addresses.get()).containsExactly("gpu-workers:50051", "10.0.0.1:50051");
    assertThat(lookups).as("not retried within the interval").hasValue(1);

    dns = List.of("10.1.0.1", "10.1.0.2");
    nanos.addAndGet(REFRESH.toNanos());
    assertThat(addresses.get())
        .containsExactly("10.1.0.1:50051", "10.1.0.2:50051", "10.0.0.1:50051");
  }

  @Test
  void ipv6AddressesAreBracketedInShortForm() {
    dns = List.of("2001:db8:0:0:1:0:0:1", "::1", "10.1.0.1", "fe80:0:0:0:0:0:0:0");
    FleetAddresses addresses = fake("gpu-workers:50051");

    assertThat(addresses.get())
        .containsExactly(
            "10.1.0.1:50051", "[::1]:50051", "[2001:db8::1:0:0:1]:50051", "[fe80::]:50051");
  }

  @Test
  void anEntryWithAnInvalidPortIsRejected() {
    for (String bad : List.of("gpu-workers:http", "gpu-workers:70000", "gpu-workers:")) {
      assertThatThrownBy(() -> fake(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(bad);
    }
  }
}
