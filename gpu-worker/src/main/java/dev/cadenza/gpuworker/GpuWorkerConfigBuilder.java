package dev.cadenza.gpuworker;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Builds a {@link GpuWorkerConfig}, starting from the defaults ({@link GpuWorkerConfig#builder()}). */
public final class GpuWorkerConfigBuilder {

  private int port = GpuWorkerConfig.DEFAULT_PORT;
  private String workerId;
  private Map<String, Integer> slots = new TreeMap<>();
  private Duration retention = GpuWorkerConfig.DEFAULT_RETENTION;
  private Duration simulatedModelTime = Duration.ZERO;
  private final Map<String, Duration> simulatedModelTimes = new TreeMap<>();
  private double simulatedJitter;
  private ModelServers.OpenAi openAi;
  private final Map<String, URI> cogServers = new TreeMap<>();
  private Duration cogTimeout = ModelServers.DEFAULT_COG_TIMEOUT;

  GpuWorkerConfigBuilder() {}

  public GpuWorkerConfigBuilder port(int port) {
    this.port = port;
    return this;
  }

  public GpuWorkerConfigBuilder workerId(String workerId) {
    this.workerId = workerId;
    return this;
  }

  /** Slot counts that override the defaults; models not named keep theirs. */
  public GpuWorkerConfigBuilder slots(Map<String, Integer> slots) {
    this.slots = new TreeMap<>(slots);
    return this;
  }

  public GpuWorkerConfigBuilder slot(String model, int count) {
    slots.put(model, count);
    return this;
  }

  public GpuWorkerConfigBuilder retention(Duration retention) {
    this.retention = retention;
    return this;
  }

  public GpuWorkerConfigBuilder simulatedModelTime(Duration simulatedModelTime) {
    this.simulatedModelTime = simulatedModelTime;
    return this;
  }

  /** Simulated model time of one model's jobs, instead of {@link #simulatedModelTime}. */
  public GpuWorkerConfigBuilder simulatedModelTime(String model, Duration time) {
    simulatedModelTimes.put(model, time);
    return this;
  }

  /** Spread of simulated model times, 0..1 (see {@link SimulatedModelTime}). */
  public GpuWorkerConfigBuilder simulatedJitter(double jitter) {
    this.simulatedJitter = jitter;
    return this;
  }

  /** Serve model {@code text} from this OpenAI-compatible endpoint (null: built-in). */
  public GpuWorkerConfigBuilder openAi(ModelServers.OpenAi openAi) {
    this.openAi = openAi;
    return this;
  }

  /** Serve {@code model} ({@code audio} or {@code image}) from the Cog server at {@code url}. */
  public GpuWorkerConfigBuilder cogServer(String model, URI url) {
    cogServers.put(model, url);
    return this;
  }

  /** Longest wait for one Cog prediction (default 10 minutes). */
  public GpuWorkerConfigBuilder cogTimeout(Duration cogTimeout) {
    this.cogTimeout = cogTimeout;
    return this;
  }

  /** All model server settings at once, replacing those set before. */
  public GpuWorkerConfigBuilder modelServers(ModelServers servers) {
    this.openAi = servers.openAi().orElse(null);
    this.cogServers.clear();
    this.cogServers.putAll(servers.cog());
    this.cogTimeout = servers.cogTimeout();
    return this;
  }

  public GpuWorkerConfig build() {
    return new GpuWorkerConfig(
        port,
        workerId == null ? defaultWorkerId() : workerId,
        slots,
        retention,
        simulatedModelTime,
        new ModelServers(Optional.ofNullable(openAi), cogServers, cogTimeout),
        simulatedModelTimes,
        simulatedJitter);
  }

  /** "gpu-worker-" + host name, so ids of workers in a fleet differ without configuration. */
  static String defaultWorkerId() {
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        host = "local";
      }
    }
    return "gpu-worker-" + host;
  }
}
