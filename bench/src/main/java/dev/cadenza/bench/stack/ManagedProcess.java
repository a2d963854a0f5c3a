package dev.cadenza.bench.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A service process the bench started: same command and environment on every (re)start, one log
 * file per lifetime ({@code <name>.<n>.log}), killed with SIGKILL to simulate a crash.
 */
public final class ManagedProcess {

  /** One run of the process: its log, when it was killed (null: still running or stopped). */
  public record Lifetime(Path log, long pid, Instant started, Instant killed) {}

  private final String name;
  private final String role;
  private final List<String> command;
  private final Map<String, String> env;
  private final Path logDir;
  private final BooleanSupplier ready;
  private final List<Lifetime> lifetimes = new ArrayList<>();
  private Process process;
  private double cpuSecondsOfEndedLifetimes;

  ManagedProcess(
      String name,
      String role,
      List<String> command,
      Map<String, String> env,
      Path logDir,
      BooleanSupplier ready) {
    this.name = name;
    this.role = role;
    this.command = List.copyOf(command);
    this.env = Map.copyOf(env);
    this.logDir = logDir;
    this.ready = ready;
  }

  public String name() {
    return name;
  }

  /** {@code api}, {@code activity-worker} or {@code gpu-worker}. */
  public String role() {
    return role;
  }

  public synchronized void start() {
    start(Map.of());
  }

  /** Starts it with some variables of its environment changed for this lifetime only. */
  public synchronized void start(Map<String, String> changedEnv) {
    Path log = logDir.resolve(name + "." + lifetimes.size() + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    builder.environment().putAll(changedEnv);
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name, e);
    }
    lifetimes.add(new Lifetime(log, process.pid(), Instant.now(), null));
  }

  /** Waits until the process answers its readiness check; fails if it exits or takes too long. */
  public void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      // Alive first: a port answering for another process must not pass for this one.
      Process p = current();
      if (!p.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + p.exitValue() + " during start; see " + lastLog());
      }
      if (ready.getAsBoolean()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            name + " not ready after " + timeout + "; see " + lastLog());
      }
      sleep(250);
    }
  }

  /** kill -9: no shutdown hooks, in-flight work is simply gone, as in a crash. */
  public synchronized void kill() {
    cpuSecondsOfEndedLifetimes += ProcessCpu.withDescendants(process.pid());
    process.destroyForcibly();
    waitFor(process, Duration.ofSeconds(30));
    Lifetime last = lifetimes.removeLast();
    lifetimes.add(new Lifetime(last.log(), last.pid(), last.started(), Instant.now()));
  }

  /** A normal stop (SIGTERM, graceful shutdown), then SIGKILL if it takes too long. */
  public synchronized void stop() {
    if (process == null || !process.isAlive()) {
      return;
    }
    cpuSecondsOfEndedLifetimes += ProcessCpu.withDescendants(process.pid());
    process.destroy();
    if (!waitFor(process, Duration.ofSeconds(40))) {
      process.destroyForcibly();
      waitFor(process, Duration.ofSeconds(10));
    }
  }

  public synchronized boolean alive() {
    return process != null && process.isAlive();
  }

  public synchronized List<Lifetime> lifetimes() {
    return List.copyOf(lifetimes);
  }

  /** CPU time of every lifetime so far (the current one read now), child processes included. */
  public synchronized double cpuSeconds() {
    return cpuSecondsOfEndedLifetimes + (alive() ? ProcessCpu.withDescendants(process.pid()) : 0);
  }

  public synchronized long pid() {
    return process.pid();
  }

  public Path lastLog() {
    List<Lifetime> all = lifetimes();
    return all.isEmpty() ? logDir.resolve(name + ".0.log") : all.getLast().log();
  }

  /** The whole current log, for the values a process prints at start (ports, keys). */
  public String currentLogText() {
    try {
      return Files.readString(lastLog());
    } catch (IOException e) {
      return "";
    }
  }

  private synchronized Process current() {
    return process;
  }

  private static boolean waitFor(Process process, Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
