package dev.cadenza.api.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.commons.logging.Log;

/**
 * A process killed hard (kill -9, a crash) leaves its embedded PostgreSQL running and holding the
 * data directory. Before starting again, such a server is shut down; PostgreSQL's own recovery
 * makes the data consistent on the next start.
 */
final class StalePostgres {
  static void stop(Path dataDir, Log log) throws IOException {
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
    log.warn("Stopping the embedded PostgreSQL (pid " + server.get().pid()
        + ") left running by an earlier process");
    // SIGTERM (ProcessHandle.destroy) is PostgreSQL's "smart" shutdown, which waits for every
    // client: a worker process still connected kept it up, and the SIGKILL that followed left its
    // backends holding the data directory, so the new server could not start. SIGINT is the
    // "fast" shutdown (clients are disconnected, the server exits cleanly); SIGQUIT the
    // "immediate" one (recovery at the next start). The postmaster is never SIGKILLed.
    if (signalAndWait(server.get(), "INT", Duration.ofSeconds(30))
        || signalAndWait(server.get(), "QUIT", Duration.ofSeconds(10))) {
      return;
    }
    throw new IOException("The embedded PostgreSQL left running (pid "
        + server.get().pid() + ") did not stop; stop it and start again");
  }

  private static boolean signalAndWait(ProcessHandle server, String signal, Duration timeout)
      throws IOException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(server.pid())).start();
    try {
      kill.waitFor(5, TimeUnit.SECONDS);
      server.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while stopping the stale PostgreSQL", e);
    } catch (ExecutionException e) {
      throw new IOException(e);
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
