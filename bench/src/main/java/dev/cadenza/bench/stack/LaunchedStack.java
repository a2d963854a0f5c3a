package dev.cadenza.bench.stack;

import dev.cadenza.bench.BenchOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A Cadenza the bench starts from the built jars, on this machine.
 *
 * <ul>
 *   <li>{@code embedded}: one {@code cadenza.jar} (the all-in-one jar) with everything in it (Temporal dev server,
 *       PostgreSQL, local storage, a GPU worker, the Temporal worker);
 *   <li>{@code multi}: as {@code scripts/fault-drills.sh} runs it: the API with the workflow
 *       worker ({@code APP_WORKER_QUEUES=workflows}) and the embedded Temporal/PostgreSQL, {@code
 *       activityWorkers} activity-worker processes ({@code gpu,llm,io}) and {@code gpuWorkers}
 *       {@code gpu-worker.jar} processes, each killable.
 * </ul>
 *
 * Every run starts from an empty data directory (the bench marks the ones it owns and refuses to
 * wipe any other), with the rate limit off and the fault rates and GPU settings of the options.
 */
public final class LaunchedStack implements Stack {
  private static final String MARKER = ".cadenza-bench";
  private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
  private static final String GPU_METRIC_NAMES =
      "cadenza_gpu_slots_busy,cadenza_gpu_queue_depth,cadenza_gpu_slots,cadenza_gpu_seconds,"
          + "cadenza_gpu_jobs_executed,cadenza_gpu_jobs_reattached";

  private final BenchOptions options;
  private final Path dataDir;
  private final Path logDir;
  private final int postgresPort = Ports.free();
  private final List<ManagedProcess> processes = new ArrayList<>();
  private final List<String> gpuMetrics = new ArrayList<>();
  private ManagedProcess api;

  private LaunchedStack(BenchOptions options) {
    this.options = options;
    this.dataDir = options.dataDir().toAbsolutePath();
    this.logDir = Stack.logDir(dataDir);
  }

  public static LaunchedStack start(BenchOptions options) {
    if (Ports.listening(options.port())) {
      throw new IllegalStateException("port " + options.port()
          + " is already in use: stop what runs there or pick another port=");
    }
    LaunchedStack stack = new LaunchedStack(options);
    try {
      stack.prepareDataDir();
      if (options.mode() == BenchOptions.Mode.EMBEDDED) {
        stack.startEmbedded();
      } else {
        stack.startMulti();
      }
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  private void startEmbedded() {
    Map<String, String> env = apiEnv();
    env.put("GPU_WORKER_SLOTS", options.slots());
    env.putAll(gpuSimulation());
    env.putAll(faults());
    env.putAll(options.env());
    api = add("api", "api", javaCommand(options.jar()), env, this::apiHealthy);
    api.start();
    api.awaitReady(START_TIMEOUT);
    gpuMetrics.add(baseUrl() + "/actuator/prometheus?includedNames=" + GPU_METRIC_NAMES);
  }

  private void startMulti() {
    int temporalPort = Ports.free();
    List<String> gpuAddresses = new ArrayList<>();
    for (int i = 1; i <= options.gpuWorkers(); i++) {
      int grpc = Ports.free();
      int metrics = Ports.free();
      Map<String, String> env = new LinkedHashMap<>();
      env.put("GPU_WORKER_PORT", Integer.toString(grpc));
      env.put("GPU_WORKER_ID", "gpu-" + i);
      env.put("GPU_WORKER_METRICS_PORT", Integer.toString(metrics));
      env.put("GPU_WORKER_SLOTS", options.slots());
      env.putAll(gpuSimulation());
      env.putAll(options.env());
      ManagedProcess gpu = add(
          "gpu-" + i,
          "gpu-worker",
          javaCommand(options.gpuJar()),
          env,
          () -> Ports.listening(grpc));
      gpu.start();
      gpuAddresses.add("127.0.0.1:" + grpc);
      gpuMetrics.add("http://127.0.0.1:" + metrics + "/metrics");
    }
    for (ManagedProcess gpu : processes) {
      gpu.awaitReady(START_TIMEOUT);
    }
    String fleet = String.join(",", gpuAddresses);

    Map<String, String> apiEnv = apiEnv();
    // The API polls the workflow queue only; the activity workers every activity queue.
    apiEnv.put("APP_WORKER_QUEUES", "workflows");
    apiEnv.put("APP_EMBEDDED_TEMPORAL_PORT", Integer.toString(temporalPort));
    apiEnv.put("GPU_WORKER_ADDRESSES", fleet);
    apiEnv.putAll(options.env());
    api = add("api", "api", javaCommand(options.jar()), apiEnv, this::apiHealthy);
    api.start();
    api.awaitReady(START_TIMEOUT);

    List<ManagedProcess> workers = new ArrayList<>();
    for (int i = 1; i <= options.activityWorkers(); i++) {
      int port = Ports.free();
      Map<String, String> env = new LinkedHashMap<>();
      env.put("SERVER_PORT", Integer.toString(port));
      env.put("APP_DATA_DIR", dataDir.resolve("activity-worker-" + i).toString());
      // Shares the API's storage directory (and its URL signing key) so downloads work.
      env.put("STORAGE_DIR", dataDir.resolve("storage").toString());
      env.put("APP_PUBLIC_URL", baseUrl());
      env.put("APP_WORKER_QUEUES", "gpu,llm,io");
      env.put("TEMPORAL_ADDRESS", "127.0.0.1:" + temporalPort);
      env.put("DATABASE_URL", database().url());
      env.put("DATABASE_USERNAME", "postgres");
      env.put("GPU_WORKER_ADDRESSES", fleet);
      env.put("APP_RATE_LIMIT_ENABLED", "false");
      env.putAll(faults());
      env.putAll(options.env());
      ManagedProcess worker = add(
          "activity-" + i,
          "activity-worker",
          javaCommand(options.jar()),
          env,
          () -> healthy("http://127.0.0.1:" + port));
      worker.start();
      workers.add(worker);
    }
    workers.forEach(w -> w.awaitReady(START_TIMEOUT));
  }

  private Map<String, String> apiEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SERVER_PORT", Integer.toString(options.port()));
    env.put("APP_DATA_DIR", dataDir.toString());
    env.put("APP_RATE_LIMIT_ENABLED", "false");
    env.put("APP_EMBEDDED_POSTGRES_PORT", Integer.toString(postgresPort));
    return env;
  }

  private Map<String, String> gpuSimulation() {
    return Map.of(
        "GPU_WORKER_SIMULATED_SECONDS", options.simulatedSeconds(),
        "GPU_WORKER_SIMULATED_JITTER", Double.toString(options.jitter()));
  }

  private Map<String, String> faults() {
    return Map.of(
        "APP_FAULTS_STORAGE_ERROR_RATE", Double.toString(options.storageFaults()),
        "APP_FAULTS_LLM_ERROR_RATE", Double.toString(options.llmFaults()));
  }

  private List<String> javaCommand(Path jar) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException(
          jar
              + " not found: build it with ./mvnw -o -q -DskipTests package (and run from the repo root)");
    }
    List<String> command = new ArrayList<>();
    command.add(options.java().toString());
    command.addAll(options.jvmOptions());
    command.add("-jar");
    command.add(jar.toAbsolutePath().toString());
    return command;
  }

  private ManagedProcess add(
      String name,
      String role,
      List<String> command,
      Map<String, String> env,
      BooleanSupplier ready) {
    ManagedProcess process = new ManagedProcess(name, role, command, env, logDir, ready);
    processes.add(process);
    return process;
  }

  private boolean apiHealthy() {
    return healthy(baseUrl());
  }

  private static boolean healthy(String base) {
    return Health.up(base);
  }

  private void prepareDataDir() {
    try {
      if (Files.isDirectory(dataDir)) {
        boolean ours = Files.exists(dataDir.resolve(MARKER));
        boolean empty;
        try (Stream<Path> entries = Files.list(dataDir)) {
          empty = entries.findAny().isEmpty();
        }
        if (!ours && !empty) {
          throw new IllegalArgumentException(
              dataDir + " exists and was not made by the bench; pick another dataDir= or empty it");
        }
        try (Stream<Path> tree = Files.walk(dataDir)) {
          tree.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dataDir)).forEach(p -> {
            try {
              Files.delete(p);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
        }
      }
      Files.createDirectories(logDir);
      Files.writeString(dataDir.resolve(MARKER), "made by the Cadenza bench; wiped at each run\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String baseUrl() {
    return "http://localhost:" + options.port();
  }

  @Override
  public String adminKey() {
    String configured = options.env().get("APP_ADMIN_API_KEY");
    if (configured != null) {
      return configured;
    }
    try {
      return Files.readString(dataDir.resolve("admin-api-key")).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("admin key not found in " + dataDir, e);
    }
  }

  @Override
  public Database database() {
    return new Database(
        "jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres", "postgres", "");
  }

  @Override
  public double postgresCpuSeconds() {
    return ProcessCpu.postgres(dataDir.resolve("postgres"));
  }

  @Override
  public List<String> gpuMetrics() {
    return List.copyOf(gpuMetrics);
  }

  @Override
  public List<ManagedProcess.Lifetime> gpuLogs() {
    // Embedded: the API's log holds the GPU worker's job lines.
    String role = options.mode() == BenchOptions.Mode.EMBEDDED ? "api" : "gpu-worker";
    return processes(role).stream().flatMap(p -> p.lifetimes().stream()).toList();
  }

  @Override
  public List<ManagedProcess> processes() {
    return List.copyOf(processes);
  }

  /** Stops activity workers first, then the API (which holds Temporal), then GPU workers. */
  @Override
  public void close() {
    List<ManagedProcess> order = new ArrayList<>(processes("activity-worker"));
    order.addAll(processes("api"));
    order.addAll(processes("gpu-worker"));
    for (ManagedProcess process : order) {
      try {
        process.stop();
      } catch (RuntimeException e) {
        System.err.println("could not stop " + process.name() + ": " + e);
      }
    }
  }
}
