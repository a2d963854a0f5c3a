package dev.cadenza.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The knobs of one run, read from {@code key=value} arguments (see bench/README.md for each).
 * Unknown keys are refused so a typo does not silently run the default.
 */
public record BenchOptions(
    Mode mode,
    Scenario scenario,
    int count,
    double rate,
    int burstSize,
    Duration burstEvery,
    int concurrency,
    Mix mix,
    int durationSeconds,
    int users,
    long credits,
    Integer maxConcurrent,
    int warmup,
    Duration timeout,
    Duration sampleEvery,
    // service, when the bench starts it
    Path jar,
    Path gpuJar,
    Path java,
    List<String> jvmOptions,
    int port,
    Path dataDir,
    String simulatedSeconds,
    double jitter,
    String slots,
    int gpuWorkers,
    int activityWorkers,
    Map<String, String> env,
    // faults
    double storageFaults,
    double llmFaults,
    Duration gpuCrashEvery,
    Duration activityCrashEvery,
    Duration restartAfter,
    boolean cancelAfterSubmit,
    // attach
    String url,
    String adminKey,
    String dbUrl,
    String dbUser,
    String dbPassword,
    List<String> metrics,
    List<Path> gpuLogs,
    Path out) {

  /** How the service under test is run. */
  public enum Mode {
    /** One cadenza.jar process with everything embedded (the bench starts it). */
    EMBEDDED,
    /** The API + workflow worker, separate activity workers and GPU workers (started here). */
    MULTI,
    /** A service that is already running; nothing is started or killed. */
    ATTACH
  }

  private static final Set<String> KEYS = Set.of(
      "mode",
      "scenario",
      "count",
      "rate",
      "burstSize",
      "burstEvery",
      "concurrency",
      "mix",
      "durationSeconds",
      "users",
      "credits",
      "maxConcurrent",
      "warmup",
      "timeout",
      "sampleEvery",
      "jar",
      "gpuJar",
      "java",
      "jvmOptions",
      "port",
      "dataDir",
      "simulated",
      "jitter",
      "slots",
      "gpuWorkers",
      "activityWorkers",
      "storageFaults",
      "llmFaults",
      "gpuCrashEvery",
      "activityCrashEvery",
      "restartAfter",
      "cancelAfterSubmit",
      "url",
      "adminKey",
      "dbUrl",
      "dbUser",
      "dbPassword",
      "metrics",
      "gpuLogs",
      "out");

  public static BenchOptions parse(String... args) {
    Map<String, String> given = new LinkedHashMap<>();
    Map<String, String> env = new TreeMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("expected key=value, was \"" + arg + "\"");
      }
      String key = arg.substring(0, eq);
      String value = arg.substring(eq + 1);
      if (key.startsWith("env.")) {
        env.put(key.substring(4), value);
      } else if (KEYS.contains(key)) {
        given.put(key, value);
      } else {
        throw new IllegalArgumentException("unknown option " + key + "; known: "
            + String.join(", ", new TreeSet<>(KEYS)) + ", env.NAME");
      }
    }
    Values v = new Values(given);
    String javaHome = System.getProperty("java.home");
    Mode mode = Mode.valueOf(v.text("mode", "embedded").toUpperCase());
    Scenario scenario = Scenario.valueOf(v.text("scenario", "steady").toUpperCase());
    BenchOptions options = new BenchOptions(
        mode,
        scenario,
        v.integer("count", 200),
        v.number("rate", 10),
        v.integer("burstSize", 50),
        v.duration("burstEvery", "5s"),
        v.integer("concurrency", 16),
        Mix.parse(v.text("mix", "song:1")),
        v.integer("durationSeconds", 10),
        v.integer("users", 10),
        v.longInteger("credits", 100_000_000),
        given.containsKey("maxConcurrent") ? v.integer("maxConcurrent", 0) : null,
        v.integer("warmup", 20),
        v.duration("timeout", "600s"),
        v.duration("sampleEvery", "1s"),
        Path.of(v.text("jar", "standalone/target/cadenza.jar")),
        Path.of(v.text("gpuJar", "gpu-worker/target/gpu-worker.jar")),
        Path.of(v.text("java", Path.of(javaHome, "bin", "java").toString())),
        v.list("jvmOptions", " "),
        v.integer("port", 8183),
        Path.of(v.text("dataDir", "/tmp/bench-data")),
        v.text("simulated", "0"),
        v.number("jitter", 0),
        v.text("slots", "text=4,audio=2,image=2"),
        v.integer("gpuWorkers", 2),
        v.integer("activityWorkers", 1),
        env,
        v.number("storageFaults", 0),
        v.number("llmFaults", 0),
        v.optionalDuration("gpuCrashEvery"),
        v.optionalDuration("activityCrashEvery"),
        v.duration("restartAfter", "2s"),
        Boolean.parseBoolean(v.text("cancelAfterSubmit", "false")),
        v.text("url", "http://localhost:" + v.integer("port", 8183)),
        v.text("adminKey", null),
        v.text("dbUrl", null),
        v.text("dbUser", "postgres"),
        v.text("dbPassword", ""),
        // Commas inside a URL (includedNames=a,b) stay: only a comma before a new URL splits.
        v.list("metrics", ",(?=https?://)"),
        v.list("gpuLogs", ",").stream().map(Path::of).toList(),
        given.containsKey("out") ? Path.of(given.get("out")) : null);
    options.check();
    return options;
  }

  /** The knobs of this run, for the report. */
  Map<String, Object> describe() {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("mode", mode().name().toLowerCase());
    o.put("scenario", scenario().name().toLowerCase());
    o.put("count", count());
    switch (scenario()) {
      case STEADY -> o.put("rate", rate());
      case BURST -> {
        o.put("burstSize", burstSize());
        o.put("burstEvery", burstEvery().toString());
      }
      case BACKLOG -> {}
    }
    o.put("concurrency", concurrency());
    o.put("cancelAfterSubmit", cancelAfterSubmit());
    o.put("mix", mix().toString());
    o.put("durationSeconds", durationSeconds());
    o.put("users", users());
    o.put("maxConcurrent", maxConcurrent());
    o.put("warmup", warmup());
    o.put("simulated", simulatedSeconds());
    o.put("jitter", jitter());
    o.put("slots", slots());
    if (mode() == BenchOptions.Mode.MULTI) {
      o.put("gpuWorkers", gpuWorkers());
      o.put("activityWorkers", activityWorkers());
      o.put("gpuCrashEvery", String.valueOf(gpuCrashEvery()));
      o.put("activityCrashEvery", String.valueOf(activityCrashEvery()));
    }
    o.put("env", env());
    o.put("jvmOptions", jvmOptions());
    return o;
  }

  private void check() {
    require(count > 0, "count must be > 0");
    require(rate > 0, "rate must be > 0");
    require(burstSize > 0 && concurrency > 0 && users > 0, "burstSize, concurrency, users > 0");
    require(warmup >= 0, "warmup must be >= 0");
    require(storageFaults >= 0 && storageFaults <= 1, "storageFaults must be within 0..1");
    require(llmFaults >= 0 && llmFaults <= 1, "llmFaults must be within 0..1");
    require(
        mode == Mode.MULTI || (gpuCrashEvery == null && activityCrashEvery == null),
        "gpuCrashEvery and activityCrashEvery need mode=multi (separate processes to kill)");
    require(
        mode != Mode.MULTI || (gpuWorkers > 0 && activityWorkers > 0),
        "mode=multi needs gpuWorkers > 0 and activityWorkers > 0");
    require(
        mode != Mode.ATTACH || (adminKey != null && dbUrl != null),
        "mode=attach needs adminKey and dbUrl (and metrics for the GPU figures)");
    require(
        mode != Mode.ATTACH || (storageFaults == 0 && llmFaults == 0),
        "mode=attach cannot set faults: configure APP_FAULTS_* on the service");
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  /** Typed reads of the given values with defaults, naming the key when one does not parse. */
  private record Values(Map<String, String> given) {
    String text(String key, String fallback) {
      return given.getOrDefault(key, fallback);
    }

    int integer(String key, int fallback) {
      return read(key, fallback, Integer::parseInt);
    }

    long longInteger(String key, long fallback) {
      return read(key, fallback, Long::parseLong);
    }

    double number(String key, double fallback) {
      return read(key, fallback, Double::parseDouble);
    }

    Duration duration(String key, String fallback) {
      return Durations.parse(given.getOrDefault(key, fallback));
    }

    Duration optionalDuration(String key) {
      return given.containsKey(key) ? duration(key, null) : null;
    }

    List<String> list(String key, String separator) {
      String value = given.get(key);
      if (value == null || value.isBlank()) {
        return List.of();
      }
      return new ArrayList<>(Arrays.stream(value.split(separator))
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .toList());
    }

    private <T> T read(String key, T fallback, Function<String, T> parse) {
      String value = given.get(key);
      if (value == null) {
        return fallback;
      }
      try {
        return parse.apply(value.trim());
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(key + "=\"" + value + "\" is invalid", e);
      }
    }
  }
}
