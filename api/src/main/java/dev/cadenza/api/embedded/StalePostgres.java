package dev.cadenza.api.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process killed hard (kill -9, a crash) leaves its embedded PostgreSQL running and holding the
 * data directory. Before starting again, such a server is shut down; PostgreSQL's own recovery
 * makes the data consistent on the next start.
 */
final class StalePostgres {
  private static final Logger log = LoggerFactory.getLogger(StalePostgres.class);

  static void stop(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile);
    Optional<ProcessHandle> server =
        lines.isEmpty() ? Optional.empty() : parse(lines.get(0)).flatMap(ProcessHandle::of);
    if (server.isEmpty() || !server.get().info().command().orElse("").contains("postgres")) {
      return; // stale pid file of a server that is gone: PostgreSQL handles that itself
    }
    log.warn(
        "Stopping the embedded PostgreSQL (pid {}) left running by an earlier process",
        server.get().pid());
    server.get().destroy(); // SIGTERM: finishes once the dead process's connections are gone
    try {
      server.get().onExit().get(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      server.get().destroyForcibly();
    }
  }

  private static Optional<Long> parse(String pid) {
    try {
      return Optional.of(Long.parseLong(pid.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private StalePostgres() {}
}
