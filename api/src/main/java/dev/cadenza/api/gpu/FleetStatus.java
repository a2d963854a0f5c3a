package dev.cadenza.api.gpu;

import com.google.common.util.concurrent.ListenableFuture;
import dev.cadenza.net.FleetAddresses;
import dev.cadenza.proto.gpu.v1.Capabilities;
import dev.cadenza.proto.gpu.v1.CapabilitiesRequest;
import dev.cadenza.proto.gpu.v1.GpuWorkerGrpc;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Asks each GPU worker of {@code GPU_WORKER_ADDRESSES} how it is, over the workers' own gRPC
 * contract ({@code GetCapabilities}, all at once, each within {@code app.gpu.unary-deadline}).
 * The API needs nothing of the activities' fleet client for that: only the contract and the
 * addresses (a DNS name may stand for many workers, as it does for the fleet client).
 */
@Component
public class FleetStatus {
  private static final Logger log = LoggerFactory.getLogger(FleetStatus.class);

  private final FleetAddresses addresses;
  private final Duration deadline;

  FleetStatus(
      @Value("${app.gpu.addresses:}") List<String> addresses,
      @Value("${app.gpu.unary-deadline:5s}") Duration deadline) {
    this.addresses = new FleetAddresses(
        addresses.stream().map(String::strip).filter(a -> !a.isEmpty()).toList());
    this.deadline = deadline;
  }

  /** Every worker as it answered just now; one that did not is unreachable. */
  public FleetView now() {
    Map<String, ManagedChannel> channels = new LinkedHashMap<>();
    Map<String, ListenableFuture<Capabilities>> probes = new LinkedHashMap<>();
    try {
      for (String address : addresses.get()) {
        ManagedChannel channel =
            Grpc.newChannelBuilder(address, InsecureChannelCredentials.create()).build();
        channels.put(address, channel);
        probes.put(
            address,
            GpuWorkerGrpc.newFutureStub(channel)
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .getCapabilities(CapabilitiesRequest.getDefaultInstance()));
      }
      List<FleetView.Worker> workers = new ArrayList<>();
      probes.forEach((address, probe) -> workers.add(answer(address, probe)));
      return FleetView.of(workers);
    } finally {
      channels.values().forEach(ManagedChannel::shutdownNow);
    }
  }

  private FleetView.Worker answer(String address, ListenableFuture<Capabilities> probe) {
    try {
      // The call's own deadline ends it; the extra second only guards against a lost callback.
      Capabilities answer = probe.get(deadline.toMillis() + 1000, TimeUnit.MILLISECONDS);
      List<FleetView.Model> models = answer.getModelsList().stream()
          .map(m ->
              new FleetView.Model(m.getModel(), m.getSlots(), m.getBusySlots(), m.getQueueDepth()))
          .toList();
      return new FleetView.Worker(
          address,
          answer.getWorkerId(),
          true,
          models.stream().mapToInt(FleetView.Model::slots).sum(),
          models.stream().mapToInt(FleetView.Model::busySlots).sum(),
          models.stream().mapToInt(FleetView.Model::queueDepth).sum(),
          models);
    } catch (ExecutionException | TimeoutException e) {
      probe.cancel(true);
      log.warn("GPU worker {} did not answer GetCapabilities: {}", address, e.toString());
      return new FleetView.Worker(address, null, false, 0, 0, 0, List.of());
    } catch (InterruptedException e) {
      probe.cancel(true);
      Thread.currentThread().interrupt();
      return new FleetView.Worker(address, null, false, 0, 0, 0, List.of());
    }
  }
}
