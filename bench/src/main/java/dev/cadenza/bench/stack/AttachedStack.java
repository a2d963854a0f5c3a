package dev.cadenza.bench.stack;

import java.nio.file.Path;
import java.util.List;

/** A Cadenza that is already running: the bench only talks to it. */
public record AttachedStack(
    String baseUrl, String adminKey, Database database, List<String> gpuMetrics, List<Path> logs)
    implements Stack {

  @Override
  public List<ManagedProcess.Lifetime> gpuLogs() {
    return logs.stream().map(p -> new ManagedProcess.Lifetime(p, 0, null, null)).toList();
  }

  @Override
  public List<ManagedProcess> processes() {
    return List.of();
  }

  @Override
  public void close() {}
}
