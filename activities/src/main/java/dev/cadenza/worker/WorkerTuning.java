package dev.cadenza.worker;

import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Options of every Temporal worker of this process.
 *
 * <p>The heartbeat throttle is 400 ms: a GPU step whose percent changed heartbeats the server within
 * that (an unchanged one every 3 s, see {@code ActivityJobRunner}). Cancellation reaches an
 * activity only through a heartbeat, so this bounds how long a canceled generation keeps its GPU
 * slot; the SDK's default (0.8 x heartbeat timeout) would be several seconds.
 *
 * <p>{@code app.worker.local-activities-only} (the {@code workflow-worker} role): the process
 * registers the workflows' local activity, and a worker with any activity registered also polls
 * the task queue for ordinary activity tasks. It then takes tasks of activities it does not have
 * and fails them ("Activity Type ... is not registered with a worker"); the retries often land here
 * again: in a bench run with separate processes, 11 of 30 songs failed with every attempt of a step
 * spent that way. Only local activities run here then.
 */
@Component
public class WorkerTuning implements TemporalOptionsCustomizer<WorkerOptions.Builder> {
  static final Duration HEARTBEAT_THROTTLE = Duration.ofMillis(400);

  private final boolean localActivitiesOnly;

  public WorkerTuning(
      @Value("${app.worker.local-activities-only:false}") boolean localActivitiesOnly) {
    this.localActivitiesOnly = localActivitiesOnly;
  }

  @Override
  public WorkerOptions.Builder customize(WorkerOptions.Builder options) {
    return options
        .setMaxHeartbeatThrottleInterval(HEARTBEAT_THROTTLE)
        .setDefaultHeartbeatThrottleInterval(HEARTBEAT_THROTTLE)
        .setLocalActivityWorkerOnly(localActivitiesOnly);
  }
}
