package dev.cadenza.fleet;

import dev.cadenza.storage.LocalObjectStorage;
import dev.cadenza.storage.UrlSigner;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The activities on a real fleet client inside Temporal's activity test environment, which supplies
 * the execution context, heartbeats and cancellation. Its workflow id is always {@code
 * test-workflow-id}, so job ids are {@code test-workflow-id:<ActivityType>}.
 */
final class ActivityHarness implements AutoCloseable {

  /**
   * One attempt (the test environment does not retry); a 1 s heartbeat timeout, so heartbeats reach
   * the server every 0.8 s and a cancel is noticed within about two seconds.
   */
  static final ActivityOptions OPTIONS = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofSeconds(30))
      .setHeartbeatTimeout(Duration.ofSeconds(1))
      .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
      .build();

  /** One progress report. */
  record Report(String generationId, String step, int percent) {}

  final GpuFleet fleet;
  final LocalObjectStorage storage;
  final TestActivityEnvironment env = TestActivityEnvironment.newInstance();
  final List<Report> reports = new CopyOnWriteArrayList<>();

  ActivityHarness(Path storageRoot, List<String> addresses) {
    this.fleet = new GpuFleet(() -> addresses);
    this.storage = new LocalObjectStorage(
        storageRoot,
        URI.create("http://localhost:8080"),
        new UrlSigner(new byte[32], Clock.systemUTC()),
        Clock.systemUTC());
    JobProgressListener progress =
        (id, step, percent) -> reports.add(new Report(id, step, percent));
    env.registerActivitiesImplementations(
        new MediaActivitiesImpl(fleet, storage, progress), new TextActivitiesImpl(fleet, progress));
  }

  <T> T stub(Class<T> activities) {
    return env.newActivityStub(activities, OPTIONS);
  }

  @Override
  public void close() {
    env.close();
    fleet.close();
  }
}
