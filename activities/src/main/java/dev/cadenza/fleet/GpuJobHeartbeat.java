package dev.cadenza.fleet;

import io.temporal.activity.ActivityExecutionContext;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heartbeat details of an activity that runs GPU jobs: its progress, and the worker each of its
 * jobs was sent to. Temporal keeps the last details of an attempt for the next one (a failed
 * attempt's latest details travel with the failure, even when the SDK had not sent them yet), so a
 * retry that another activity-worker process picks up still knows where its jobs are and
 * re-attaches to them there instead of running the models again. Operators see these details on
 * the pending activity in the Temporal UI.
 *
 * @param percent progress of the activity's step, 0..100
 * @param addressByJobId {@code host:port} of the worker each job id (re-runs {@code ~rerun-N} and
 *     jobs of a step with several, {@code :title}, included) was last sent to
 */
public record GpuJobHeartbeat(int percent, Map<String, String> addressByJobId) {

  private static final Logger log = LoggerFactory.getLogger(GpuJobHeartbeat.class);
  static final GpuJobHeartbeat NONE = new GpuJobHeartbeat(0, Map.of());

  public GpuJobHeartbeat {
    // Sorted, so the UI shows a job's re-runs together; nulls from hand-edited details dropped.
    Map<String, String> addresses = new TreeMap<>();
    if (addressByJobId != null) {
      addressByJobId.forEach((jobId, address) -> {
        if (jobId != null && address != null) {
          addresses.put(jobId, address);
        }
      });
    }
    addressByJobId = Collections.unmodifiableMap(addresses);
  }

  /**
   * What the current attempt heartbeated last or, before its first heartbeat, what the previous
   * attempt left. Details of another shape (an attempt started before this record existed
   * heartbeated a bare percent) mean no known placement: the job then goes to the least loaded
   * worker, as it did then.
   */
  static GpuJobHeartbeat recorded(ActivityExecutionContext activity) {
    try {
      GpuJobHeartbeat recorded =
          activity.getHeartbeatDetails(GpuJobHeartbeat.class).orElse(NONE);
      return Objects.requireNonNullElse(recorded, NONE);
    } catch (RuntimeException e) {
      // DataConverterException for foreign JSON; ClassCastException for a foreign object
      // heartbeated in this attempt (the SDK hands those back without converting them).
      log.info(
          "heartbeat details of {} are not a GpuJobHeartbeat, ignoring them: {}",
          activity.getInfo().getActivityId(),
          e.toString());
      return NONE;
    }
  }

  GpuJobHeartbeat at(int percent) {
    return new GpuJobHeartbeat(percent, addressByJobId);
  }

  GpuJobHeartbeat placed(String jobId, String address) {
    if (address.equals(addressByJobId.get(jobId))) {
      return this;
    }
    Map<String, String> addresses = new TreeMap<>(addressByJobId);
    addresses.put(jobId, address);
    return new GpuJobHeartbeat(percent, addresses);
  }
}
