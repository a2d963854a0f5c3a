package dev.cadenza.bench.stack;

import java.nio.file.Path;
import java.util.List;

/** The Cadenza under test and what the bench needs to measure it. */
public interface Stack extends AutoCloseable {

  String baseUrl();

  String adminKey();

  /** JDBC URL, user and password of its PostgreSQL (for the ledger audit and completion). */
  Database database();

  /** Prometheus endpoints that carry the GPU workers' {@code cadenza_gpu_*} meters. */
  List<String> gpuMetrics();

  /** Logs with the GPU workers' job lines (per-job GPU seconds), with their lifetimes. */
  List<ManagedProcess.Lifetime> gpuLogs();

  /** CPU seconds of the embedded PostgreSQL so far, when the bench started it; else 0. */
  default double postgresCpuSeconds() {
    return 0;
  }

  /** The processes the bench started (empty when attached). */
  List<ManagedProcess> processes();

  /** Processes of a role ({@code gpu-worker}, {@code activity-worker}) that may be killed. */
  default List<ManagedProcess> processes(String role) {
    return processes().stream().filter(p -> p.role().equals(role)).toList();
  }

  record Database(String url, String user, String password) {}

  @Override
  void close();

  /** Where the bench writes logs of the processes it starts. */
  static Path logDir(Path dataDir) {
    return dataDir.resolve("logs");
  }
}
