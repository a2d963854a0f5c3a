package dev.cadenza.gpuworker;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Settings of one GPU worker, checked when constructed. Build with {@link #builder()} to embed a
 * worker, or read them from the environment with {@link GpuWorkerEnvironment#read(Map)} as {@link
 * GpuWorkerMain} does.
 *
 * @param port TCP port to listen on; 0 picks a free one (see {@link GpuWorkerServer#getPort()})
 * @param workerId reported in {@code Started} events and capabilities
 * @param slots slot counts that differ from {@link #DEFAULT_SLOTS}; see {@link #slotsFor}
 * @param retention how long finished jobs (outputs included) stay attachable
 * @param simulatedModelTime extra time every job spends "on the GPU", to model real latency
 * @param modelServers models served by real model servers instead of the built-in runners
 *     (none by default); see {@link RunnerCatalog}
 * @param simulatedModelTimes per-model overrides of {@code simulatedModelTime}
 * @param simulatedJitter spread of the simulated time, 0..1 (see {@link SimulatedModelTime})
 */
public record GpuWorkerConfig(
    int port,
    String workerId,
    Map<String, Integer> slots,
    Duration retention,
    Duration simulatedModelTime,
    ModelServers modelServers,
    Map<String, Duration> simulatedModelTimes,
    double simulatedJitter) {

  public static final int DEFAULT_PORT = 50051;
  public static final Map<String, Integer> DEFAULT_SLOTS =
      Map.of("text", 4, "audio", 2, "image", 2, "mesh", 1, "video", 1);
  public static final Duration DEFAULT_RETENTION = Duration.ofSeconds(600);

  public GpuWorkerConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    if (workerId == null || workerId.isBlank()) {
      throw new IllegalArgumentException("workerId is required");
    }
    slots.forEach((model, count) -> {
      if (count < 0) {
        throw new IllegalArgumentException("slots of " + model + " must be >= 0");
      }
    });
    slots = Collections.unmodifiableMap(new TreeMap<>(slots));
    if (retention.isNegative() || simulatedModelTime.isNegative()) {
      throw new IllegalArgumentException("retention and simulatedModelTime must be >= 0");
    }
    if (modelServers == null) {
      modelServers = ModelServers.builtIn();
    }
    simulatedModelTimes = Collections.unmodifiableMap(new TreeMap<>(simulatedModelTimes));
    // Validates every value (and the jitter) at construction rather than at the first job.
    simulatedModelTimes.values().forEach(t -> new SimulatedModelTime(t, simulatedJitter));
    new SimulatedModelTime(simulatedModelTime, simulatedJitter);
  }

  /** Settings with one simulated model time for every model and no jitter. */
  public GpuWorkerConfig(
      int port,
      String workerId,
      Map<String, Integer> slots,
      Duration retention,
      Duration simulatedModelTime,
      ModelServers modelServers) {
    this(port, workerId, slots, retention, simulatedModelTime, modelServers, Map.of(), 0);
  }

  /** Settings with the built-in runners for every model. */
  public GpuWorkerConfig(
      int port,
      String workerId,
      Map<String, Integer> slots,
      Duration retention,
      Duration simulatedModelTime) {
    this(port, workerId, slots, retention, simulatedModelTime, ModelServers.builtIn());
  }

  /**
   * Slots of a model: the configured count, else its default (text 4, audio 2, image 2, mesh 1,
   * video 1), else 1. A model with 0 slots is not served (jobs for it fail as an unknown model).
   */
  public int slotsFor(String model) {
    return slots.getOrDefault(model, DEFAULT_SLOTS.getOrDefault(model, 1));
  }

  /** The simulated model time of a model's jobs: its own, else {@link #simulatedModelTime}. */
  public SimulatedModelTime simulationFor(String model) {
    return new SimulatedModelTime(
        simulatedModelTimes.getOrDefault(model, simulatedModelTime), simulatedJitter);
  }

  public static GpuWorkerConfig defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static GpuWorkerConfigBuilder builder() {
    return new GpuWorkerConfigBuilder();
  }
}
