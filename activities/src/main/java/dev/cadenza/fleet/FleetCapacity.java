package dev.cadenza.fleet;

import com.google.common.util.concurrent.ListenableFuture;
import dev.cadenza.proto.gpu.v1.Capabilities;
import dev.cadenza.proto.gpu.v1.CapabilitiesRequest;
import dev.cadenza.proto.gpu.v1.GpuWorkerGrpc;
import dev.cadenza.proto.gpu.v1.ModelCapacity;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each worker serves and how busy it is, from {@code GetCapabilities}, cached briefly so that
 * a burst of submissions does not probe the fleet once per job. Workers that did not answer are
 * left out until the next probe.
 */
final class FleetCapacity {

  private static final Logger log = LoggerFactory.getLogger(FleetCapacity.class);

  /** One worker as last seen; {@code models} is empty when it did not answer. */
  private record Snapshot(
      boolean up, String workerId, Map<String, ModelCapacity> models, long checkedAtNanos) {}

  private final WorkerChannels channels;
  private final long ttlNanos;
  private final Duration deadline;
  private final Map<String, Snapshot> snapshots = new HashMap<>();

  FleetCapacity(WorkerChannels channels, Duration ttl, Duration deadline) {
    this.channels = channels;
    this.ttlNanos = ttl.toNanos();
    this.deadline = deadline;
  }

  /**
   * Reachable workers serving {@code model}, least loaded (busy slots + queue) first; {@code
   * preferred}, the worker that already has this job, goes first whatever its load.
   *
   * @throws GpuUnavailableException when no worker is reachable or none serves the model
   */
  synchronized List<String> candidates(String jobId, String model, String preferred) {
    List<String> addresses = channels.addresses();
    if (addresses.isEmpty()) {
      throw new GpuUnavailableException(jobId, "no GPU worker addresses are configured", null);
    }
    refresh(jobId, addresses, false);
    List<String> up = addresses.stream().filter(a -> snapshots.get(a).up()).toList();
    if (up.isEmpty()) {
      throw new GpuUnavailableException(
          jobId, "none of the GPU workers " + addresses + " is reachable", null);
    }
    List<String> serving = new ArrayList<>(up.stream()
        .filter(a -> capacity(a, model) != null && capacity(a, model).getSlots() > 0)
        .sorted(Comparator.comparingInt(a -> load(capacity(a, model))))
        .toList());
    if (serving.isEmpty()) {
      throw new GpuUnavailableException(
          jobId, "no reachable GPU worker serves model \"" + model + "\"", null);
    }
    if (preferred != null && serving.remove(preferred)) {
      serving.addFirst(preferred);
    }
    return serving;
  }

  /**
   * Counts a job just sent to {@code address} until the next probe, so that jobs submitted within
   * one cache period spread over the fleet instead of piling onto one worker.
   */
  synchronized void assigned(String address, String model) {
    Snapshot seen = snapshots.get(address);
    ModelCapacity capacity = seen == null ? null : seen.models().get(model);
    if (capacity != null) {
      Map<String, ModelCapacity> models = new LinkedHashMap<>(seen.models());
      models.put(
          model,
          capacity.toBuilder().setQueueDepth(capacity.getQueueDepth() + 1).build());
      snapshots.put(address, new Snapshot(true, seen.workerId(), models, seen.checkedAtNanos()));
    }
  }

  /** Leaves {@code address} out until the next probe. */
  synchronized void markDown(String address) {
    snapshots.put(address, new Snapshot(false, null, Map.of(), System.nanoTime()));
  }

  /**
   * Probes every worker now, whatever the cache holds (and keeps the answers as the cache), so an
   * operator sees the fleet as it is rather than with this process's own jobs counted in.
   */
  synchronized List<WorkerStatus> status() {
    List<String> addresses = channels.addresses();
    refresh("fleet-status", addresses, true);
    return addresses.stream()
        .map(address -> {
          Snapshot seen = snapshots.get(address);
          List<WorkerStatus.ModelStatus> models = seen.models().values().stream()
              .map(m -> new WorkerStatus.ModelStatus(
                  m.getModel(), m.getSlots(), m.getBusySlots(), m.getQueueDepth()))
              .toList();
          return new WorkerStatus(address, seen.workerId(), seen.up(), models);
        })
        .toList();
  }

  private ModelCapacity capacity(String address, String model) {
    return snapshots.get(address).models().get(model);
  }

  private static int load(ModelCapacity capacity) {
    return capacity.getBusySlots() + capacity.getQueueDepth();
  }

  /** Probes every worker whose snapshot is missing or stale (or all: {@code force}), at once. */
  private void refresh(String jobId, List<String> addresses, boolean force) {
    long now = System.nanoTime();
    Map<String, ListenableFuture<Capabilities>> probes = new LinkedHashMap<>();
    for (String address : addresses) {
      Snapshot seen = snapshots.get(address);
      if (!force && seen != null && now - seen.checkedAtNanos() < ttlNanos) {
        continue;
      }
      ManagedChannel channel = channels.channel(address);
      if (seen != null && !seen.up()) {
        // gRPC backs off reconnecting for up to two minutes; a restarted worker should be
        // noticed at the next probe instead.
        channel.resetConnectBackoff();
      }
      probes.put(
          address,
          GpuWorkerGrpc.newFutureStub(channel)
              .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
              .getCapabilities(CapabilitiesRequest.getDefaultInstance()));
    }
    probes.forEach((address, probe) -> {
      Snapshot seen = snapshots.get(address);
      snapshots.put(address, await(jobId, address, probe, seen == null || seen.up()));
    });
  }

  private Snapshot await(
      String jobId, String address, ListenableFuture<Capabilities> probe, boolean wasUp) {
    try {
      // The call's own deadline ends it; the extra second only guards against a lost callback.
      Capabilities capabilities = probe.get(deadline.toMillis() + 1000, TimeUnit.MILLISECONDS);
      Map<String, ModelCapacity> models = new LinkedHashMap<>();
      capabilities.getModelsList().forEach(m -> models.put(m.getModel(), m));
      if (!wasUp) {
        log.info("GPU worker {} is reachable again", address);
      }
      return new Snapshot(true, capabilities.getWorkerId(), models, System.nanoTime());
    } catch (ExecutionException | TimeoutException e) {
      probe.cancel(true);
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      if (wasUp) {
        // Once per outage, not once per probe.
        log.warn("GPU worker {} did not answer GetCapabilities: {}", address, cause.toString());
      }
      return new Snapshot(false, null, Map.of(), System.nanoTime());
    } catch (InterruptedException e) {
      probe.cancel(true);
      Thread.currentThread().interrupt();
      throw new GpuUnavailableException(jobId, "interrupted while probing GPU workers", e);
    }
  }
}
