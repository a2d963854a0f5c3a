package dev.cadenza.bench;

import dev.cadenza.bench.stack.ManagedProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Kills processes of one role with SIGKILL every {@code every} (round robin over them) and starts
 * each again {@code restartAfter} later, until stopped. The first kill comes one interval after
 * the start, so the run is under load when it happens.
 */
final class CrashInjector implements AutoCloseable {

  record Crash(String process, Instant killed, Instant restarted) {}

  private final List<ManagedProcess> victims;
  private final Duration every;
  private final Duration restartAfter;
  private final List<Crash> crashes = Collections.synchronizedList(new ArrayList<>());
  private final Thread thread;
  private final CountDownLatch stop = new CountDownLatch(1);

  CrashInjector(String role, List<ManagedProcess> victims, Duration every, Duration restartAfter) {
    this.victims = List.copyOf(victims);
    this.every = every;
    this.restartAfter = restartAfter;
    this.thread = Thread.ofPlatform().daemon().name("crash-" + role).unstarted(this::loop);
  }

  CrashInjector start() {
    if (!victims.isEmpty()) {
      thread.start();
    }
    return this;
  }

  private void loop() {
    int next = 0;
    while (stop.getCount() > 0) {
      try {
        if (stop.await(every.toNanos(), TimeUnit.NANOSECONDS)) {
          return; // stopped between crashes
        }
      } catch (InterruptedException e) {
        return;
      }
      ManagedProcess victim = victims.get(next++ % victims.size());
      Instant killed = Instant.now();
      victim.kill();
      // Restarts even when asked to stop meanwhile: the run must end with every process up.
      sleepUninterruptibly(restartAfter);
      victim.start();
      victim.awaitReady(Duration.ofMinutes(3));
      crashes.add(new Crash(victim.name(), killed, Instant.now()));
    }
  }

  private static void sleepUninterruptibly(Duration duration) {
    long end = System.nanoTime() + duration.toNanos();
    for (long left = duration.toNanos(); left > 0; left = end - System.nanoTime()) {
      try {
        Thread.sleep(Duration.ofNanos(left));
      } catch (InterruptedException e) {
        // keep sleeping: the restart must happen
      }
    }
  }

  List<Crash> crashes() {
    return List.copyOf(crashes);
  }

  /** Stops crashing; a process killed just now is restarted and awaited first. */
  @Override
  public void close() {
    stop.countDown();
    try {
      thread.join(Duration.ofMinutes(4));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
