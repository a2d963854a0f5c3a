package dev.cadenza.gpuworker;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Settings of one GPU worker. Build with {@link #builder()} to embed a worker, or read them
 * from the environment with {@link #fromEnvironment(Map)} as {@link GpuWorkerMain} does.
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

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads {@code GPU_WORKER_PORT}, {@code GPU_WORKER_ID}, {@code GPU_WORKER_SLOTS} (e.g.
   * "text=4,audio=2,image=2"), {@code GPU_WORKER_RETENTION_SECONDS}, {@code
   * GPU_WORKER_SIMULATED_SECONDS} (fractional seconds for every model, per model as in
   * "audio=2,image=0.5", or both: "0.2,audio=2") and {@code GPU_WORKER_SIMULATED_JITTER} (0..1);
   * unset or blank means default.
   *
   * <p>Real model servers: {@code GPU_WORKER_TEXT_BACKEND} ({@code builtin}, the default, or
   * {@code openai}) with {@code OPENAI_BASE_URL} (default {@code https://api.openai.com/v1}),
   * {@code OPENAI_API_KEY} (optional), {@code OPENAI_MODEL} (required with {@code openai}) and
   * {@code OPENAI_TIMEOUT_SECONDS} (default 60); {@code GPU_WORKER_COG_AUDIO_URL} and {@code
   * GPU_WORKER_COG_IMAGE_URL} (that model is served by the Cog server at the URL) with {@code
   * GPU_WORKER_COG_TIMEOUT_SECONDS} (default 600). The {@code OPENAI_*} variables are ignored
   * with the built-in text backend.
   *
   * @throws IllegalArgumentException naming the variable when a value does not parse
   */
  public static GpuWorkerConfig fromEnvironment(Map<String, String> env) {
    Builder builder = builder();
    value(env, "GPU_WORKER_PORT", v -> builder.port(Integer.parseInt(v)));
    value(env, "GPU_WORKER_ID", builder::workerId);
    value(env, "GPU_WORKER_SLOTS", v -> builder.slots(parseSlots(v)));
    value(
        env,
        "GPU_WORKER_RETENTION_SECONDS",
        v -> builder.retention(Duration.ofSeconds(Long.parseLong(v))));
    value(env, "GPU_WORKER_SIMULATED_SECONDS", v -> parseSimulatedSeconds(v, builder));
    value(
        env,
        "GPU_WORKER_SIMULATED_JITTER",
        v -> builder.simulatedJitter(
            new SimulatedModelTime(Duration.ZERO, Double.parseDouble(v)).jitter()));
    ModelServers.TextBackend[] backend = {ModelServers.TextBackend.BUILTIN};
    value(env, "GPU_WORKER_TEXT_BACKEND", v -> backend[0] = ModelServers.TextBackend.parse(v));
    if (backend[0] == ModelServers.TextBackend.OPENAI) {
      builder.openAi(openAiFromEnvironment(env));
    }
    value(
        env, "GPU_WORKER_COG_AUDIO_URL", v -> builder.cogServer("audio", ModelServers.httpUrl(v)));
    value(
        env, "GPU_WORKER_COG_IMAGE_URL", v -> builder.cogServer("image", ModelServers.httpUrl(v)));
    value(
        env,
        "GPU_WORKER_COG_TIMEOUT_SECONDS",
        v -> builder.cogTimeout(Duration.ofSeconds(positive(Long.parseLong(v)))));
    return builder.build();
  }

  private static ModelServers.OpenAi openAiFromEnvironment(Map<String, String> env) {
    URI[] baseUrl = {ModelServers.OpenAi.DEFAULT_BASE_URL};
    String[] model = {null};
    Duration[] timeout = {ModelServers.OpenAi.DEFAULT_TIMEOUT};
    value(env, "OPENAI_BASE_URL", v -> baseUrl[0] = ModelServers.httpUrl(v));
    value(env, "OPENAI_MODEL", v -> model[0] = v);
    value(
        env,
        "OPENAI_TIMEOUT_SECONDS",
        v -> timeout[0] = Duration.ofSeconds(positive(Long.parseLong(v))));
    if (model[0] == null) {
      throw new IllegalArgumentException(
          "OPENAI_MODEL is required when GPU_WORKER_TEXT_BACKEND=openai");
    }
    String apiKey = env.get("OPENAI_API_KEY");
    return new ModelServers.OpenAi(baseUrl[0], apiKey, model[0], timeout[0]);
  }

  private static long positive(long n) {
    if (n <= 0) {
      throw new IllegalArgumentException("must be > 0");
    }
    return n;
  }

  /** Parses "text=4,audio=2" into a map. */
  static Map<String, Integer> parseSlots(String spec) {
    Map<String, Integer> slots = new TreeMap<>();
    for (String entry : spec.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      String[] parts = entry.split("=", 2);
      if (parts.length != 2 || parts[0].isBlank()) {
        throw new IllegalArgumentException("expected model=count, was \"" + entry.trim() + "\"");
      }
      slots.put(parts[0].trim(), Integer.parseInt(parts[1].trim()));
    }
    return slots;
  }

  /** "1.5" (every model), "audio=2,image=0.5" (per model) or "0.2,audio=2" (both). */
  private static void parseSimulatedSeconds(String spec, Builder builder) {
    for (String entry : spec.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      String[] parts = entry.split("=", 2);
      if (parts.length == 1) {
        builder.simulatedModelTime(seconds(parts[0]));
      } else if (parts[0].isBlank()) {
        throw new IllegalArgumentException("expected model=seconds, was \"" + entry.trim() + "\"");
      } else {
        builder.simulatedModelTime(parts[0].trim(), seconds(parts[1]));
      }
    }
  }

  private static Duration seconds(String text) {
    return Duration.ofMillis(Math.round(Double.parseDouble(text.trim()) * 1000));
  }

  private static void value(Map<String, String> env, String name, Consumer<String> apply) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return;
    }
    try {
      apply.accept(value.trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          name + "=\"" + value + "\" is invalid: " + e.getMessage(), e);
    }
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

  /** Builder starting from the defaults. */
  public static final class Builder {
    private int port = DEFAULT_PORT;
    private String workerId;
    private Map<String, Integer> slots = new TreeMap<>();
    private Duration retention = DEFAULT_RETENTION;
    private Duration simulatedModelTime = Duration.ZERO;
    private final Map<String, Duration> simulatedModelTimes = new TreeMap<>();
    private double simulatedJitter;
    private ModelServers.OpenAi openAi;
    private final Map<String, URI> cogServers = new TreeMap<>();
    private Duration cogTimeout = ModelServers.DEFAULT_COG_TIMEOUT;

    private Builder() {}

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder workerId(String workerId) {
      this.workerId = workerId;
      return this;
    }

    /** Slot counts that override the defaults; models not named keep theirs. */
    public Builder slots(Map<String, Integer> slots) {
      this.slots = new TreeMap<>(slots);
      return this;
    }

    public Builder slot(String model, int count) {
      slots.put(model, count);
      return this;
    }

    public Builder retention(Duration retention) {
      this.retention = retention;
      return this;
    }

    public Builder simulatedModelTime(Duration simulatedModelTime) {
      this.simulatedModelTime = simulatedModelTime;
      return this;
    }

    /** Simulated model time of one model's jobs, instead of {@link #simulatedModelTime}. */
    public Builder simulatedModelTime(String model, Duration time) {
      simulatedModelTimes.put(model, time);
      return this;
    }

    /** Spread of simulated model times, 0..1 (see {@link SimulatedModelTime}). */
    public Builder simulatedJitter(double jitter) {
      this.simulatedJitter = jitter;
      return this;
    }

    /** Serve model {@code text} from this OpenAI-compatible endpoint (null: built-in). */
    public Builder openAi(ModelServers.OpenAi openAi) {
      this.openAi = openAi;
      return this;
    }

    /** Serve {@code model} ({@code audio} or {@code image}) from the Cog server at {@code url}. */
    public Builder cogServer(String model, URI url) {
      cogServers.put(model, url);
      return this;
    }

    /** Longest wait for one Cog prediction (default 10 minutes). */
    public Builder cogTimeout(Duration cogTimeout) {
      this.cogTimeout = cogTimeout;
      return this;
    }

    /** All model server settings at once, replacing those set before. */
    public Builder modelServers(ModelServers servers) {
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
  }
}
