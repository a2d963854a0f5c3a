package dev.cadenza.worker;

import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Options of every Temporal worker of this process, whatever its task queue.
 *
 * <p>The heartbeat throttle is 400 ms: a GPU step whose percent changed heartbeats the server within
 * that (an unchanged one every 3 s, see {@code ActivityJobRunner}). Cancellation reaches an
 * activity only through a heartbeat, so this bounds how long a canceled generation keeps its GPU
 * slot; the SDK's default (0.8 x heartbeat timeout) would be several seconds.
 */
@Component
public class WorkerTuning implements TemporalOptionsCustomizer<WorkerOptions.Builder> {
  static final Duration HEARTBEAT_THROTTLE = Duration.ofMillis(400);

  @Override
  public WorkerOptions.Builder customize(WorkerOptions.Builder options) {
    return options
        .setMaxHeartbeatThrottleInterval(HEARTBEAT_THROTTLE)
        .setDefaultHeartbeatThrottleInterval(HEARTBEAT_THROTTLE);
  }
}
