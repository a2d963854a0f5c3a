package dev.cadenza.api.embedded;

import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.Log;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Temporal server as a child process: the Temporal CLI's {@code server start-dev} (the
 * production server with SQLite persistence and the Web UI in one binary), on loopback, with its
 * database in the data directory so workflows survive a restart of this service.
 *
 * <p>A process killed hard leaves its server running and holding the database; its pid is kept in
 * {@code server.pid} and such a server is stopped before a new one starts on the same file.
 */
public final class TemporalDevServer implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(TemporalDevServer.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

  /** Where to run it and what to create at start. */
  public record Settings(
      Path cli,
      Path dir,
      int port,
      int uiPort,
      String namespace,
      List<String> keywordSearchAttributes) {}

  private final Process process;
  private final Path pidFile;
  private final String address;
  private final String uiAddress;

  private TemporalDevServer(Process process, Path pidFile, String address, String uiAddress) {
    this.process = process;
    this.pidFile = pidFile;
    this.address = address;
    this.uiAddress = uiAddress;
  }

  /** Starts the server and returns once its frontend answers for the namespace. */
  public static TemporalDevServer start(Settings settings, Log startupLog) {
    try {
      Files.createDirectories(settings.dir());
      Path pidFile = settings.dir().resolve("server.pid");
      stopStale(pidFile, startupLog);
      List<String> command = new ArrayList<>(List.of(
          settings.cli().toString(),
          "server",
          "start-dev",
          "--ip",
          "127.0.0.1",
          "--port",
          Integer.toString(settings.port()),
          "--ui-port",
          Integer.toString(settings.uiPort()),
          "--db-filename",
          settings.dir().resolve("temporal.db").toString(),
          "--ui-disable-news-fetch",
          "--log-level",
          "warn"));
      command.addAll(partitions(settings.dir()));
      if (!settings.namespace().equals("default")) {
        command.addAll(List.of("--namespace", settings.namespace()));
      }
      for (String name : settings.keywordSearchAttributes()) {
        command.addAll(List.of("--search-attribute", name + "=Keyword"));
      }
      Path logFile = settings.dir().resolve("server.log");
      Process process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
          .start();
      Files.writeString(pidFile, Long.toString(process.pid()), StandardCharsets.US_ASCII);
      String address = "127.0.0.1:" + settings.port();
      TemporalDevServer server =
          new TemporalDevServer(process, pidFile, address, "http://localhost:" + settings.uiPort());
      try {
        awaitNamespace(process, address, settings.namespace(), logFile);
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the Temporal dev server", e);
    }
  }

  /**
   * One partition per task queue instead of the server's four. Partitions spread a queue over
   * matching hosts; this server is one process on SQLite, where four only cost: a task lands on a
   * partition with no poller waiting, is forwarded or written to the backlog, and polls are
   * forwarded between partitions. Measured with the bench at 5 songs/s: about 7% less CPU per
   * song and fewer step retries. A database a server with four partitions wrote may still hold
   * tasks in partitions 1 to 3, so there only new tasks go to one partition while all four are
   * still read (the server's own order for removing partitions: writes first, reads once drained).
   */
  static List<String> partitions(Path dir) throws IOException {
    Path marker = dir.resolve("one-partition");
    boolean fresh = !Files.exists(dir.resolve("temporal.db"));
    if (fresh) {
      Files.writeString(marker, "task queues written and read with one partition\n");
    }
    int read = Files.exists(marker) ? 1 : 4;
    return List.of(
        "--dynamic-config-value",
        "matching.numTaskqueueWritePartitions=1",
        "--dynamic-config-value",
        "matching.numTaskqueueReadPartitions=" + read);
  }

  /** {@code host:port} of the frontend. */
  public String address() {
    return address;
  }

  /** Base URL of the Web UI. */
  public String uiAddress() {
    return uiAddress;
  }

  public long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    stop(process.toHandle());
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      log.warn("Could not delete {}", pidFile, e);
    }
  }

  private static void awaitNamespace(
      Process process, String address, String namespace, Path logFile) {
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    try {
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException("The Temporal dev server exited with "
              + process.exitValue() + " at start; its log is " + logFile + ":\n" + tail(logFile));
        }
        try {
          stubs
              .blockingStub()
              .withDeadlineAfter(2, TimeUnit.SECONDS)
              .describeNamespace(
                  DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build());
          return;
        } catch (RuntimeException notYet) {
          if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException(
                "The Temporal dev server did not answer within " + START_TIMEOUT.toSeconds()
                    + " s; its log is " + logFile,
                notYet);
          }
          sleep(Duration.ofMillis(200));
        }
      }
    } finally {
      stubs.shutdownNow();
    }
  }

  /** Stops a server an earlier, hard-killed process left running on this directory. */
  private static void stopStale(Path pidFile, Log startupLog) throws IOException {
    if (!Files.exists(pidFile)) {
      return;
    }
    Optional<ProcessHandle> stale = parsePid(Files.readString(pidFile)).flatMap(ProcessHandle::of);
    // The pid may have been reused by an unrelated process since.
    if (stale.isPresent() && stale.get().info().command().orElse("").contains("temporal")) {
      startupLog.warn("Stopping the Temporal dev server (pid " + stale.get().pid()
          + ") left running by an earlier process");
      stop(stale.get());
    }
    Files.deleteIfExists(pidFile);
  }

  private static void stop(ProcessHandle server) {
    if (!server.isAlive()) {
      return;
    }
    server.destroy(); // SIGTERM: the server flushes and closes its database
    try {
      server.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("The Temporal dev server (pid {}) did not stop in time; killing it", server.pid());
      server.destroyForcibly();
      server.onExit().join();
    }
  }

  private static Optional<Long> parsePid(String text) {
    try {
      return Optional.of(Long.parseLong(text.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String tail(Path logFile) {
    try {
      List<String> lines = Files.readAllLines(logFile);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while the Temporal dev server started", e);
    }
  }
}
