package dev.cadenza.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadenza.net.FleetAddresses;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The fleet client takes its workers from {@link FleetAddresses} (DNS names included). */
class FleetAddressSupplierTest {

  @Test
  void worksAsTheFleetsAddressSupplier() {
    AtomicInteger lookups = new AtomicInteger();
    FleetAddresses addresses =
        new FleetAddresses(List.of("gpu-workers:50051"), Duration.ofSeconds(10), host -> {
          lookups.incrementAndGet();
          return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {10, 1, 0, 1})};
        });
    try (GpuFleet fleet = new GpuFleet(addresses)) {
      assertThat(fleet).isNotNull();
    }
    assertThat(lookups).as("resolved lazily, when the fleet asks").hasValue(0);
    assertThat(addresses.get()).containsExactly("10.1.0.1:50051");
  }
}
