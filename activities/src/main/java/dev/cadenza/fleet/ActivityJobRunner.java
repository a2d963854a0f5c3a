package dev.cadenza.fleet;

import dev.cadenza.workflows.WorkflowIds;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.client.ActivityCanceledException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a fleet job on behalf of the activity executing on the current thread: derives the job id
 * from the workflow id and activity type (so a retried activity re-attaches instead of running the
 * model again), heartbeats when the job's percent changes and every 3 s while it does not, reports
 * throttled progress, cancels the job when the
 * activity is cancelled, and turns fleet failures into {@code ApplicationFailure}s.
 *
 * <p>The heartbeat details ({@link GpuJobHeartbeat}) carry where each job of the activity was
 * placed, from the job's first event on, and a retry hands the placements the previous attempt left
 * to the fleet: the retry may run in another process, whose fleet never saw the job. The first
 * heartbeat of an attempt is sent at once; later ones are throttled by the SDK, which still sends
 * the latest details with a failure, so only a process that dies within the throttle interval
 * after placing a second job (or a re-run) can lose that placement.
 */
final class ActivityJobRunner {

  private static final Logger log = LoggerFactory.getLogger(ActivityJobRunner.class);
  /** Baggage keys the GPU workers put into their log lines. */
  static final String GENERATION_ID = "generationId";

  static final String WORKFLOW_ID = "workflowId";

  private final GpuFleet fleet;
  private final JobProgressListener progress;

  ActivityJobRunner(GpuFleet fleet, JobProgressListener progress) {
    this.fleet = fleet;
    this.progress = progress;
  }

  /**
   * Runs the one job of a step: its id is the workflow id and the activity type.
   *
   * @param generationId whose progress this is; null to take it from the workflow id (and to report
   *     nothing when the workflow is not a generation's)
   * @param files input files sent with the job; {@code input}'s fields name them
   */
  JobOutcome run(String generationId, JobInput input, String userId, List<JobFile> files) {
    return run("", generationId, input, userId, files, 0, 100);
  }

  /**
   * Runs one of several jobs of a step, named {@code part} (its id ends in {@code ":" + part}):
   * the job's 0-100% is reported as {@code from}-{@code to}% of the step.
   */
  JobOutcome runPart(
      String part, String generationId, JobInput input, String userId, int from, int to) {
    return run(":" + part, generationId, input, userId, List.of(), from, to);
  }

  private JobOutcome run(
      String jobSuffix,
      String generationId,
      JobInput input,
      String userId,
      List<JobFile> files,
      int from,
      int to) {
    ActivityExecutionContext activity = Activity.getExecutionContext();
    ActivityInfo info = activity.getInfo();
    String jobId = info.getWorkflowId() + ":" + info.getActivityType() + jobSuffix;
    String reportAs =
        generationId != null ? generationId : WorkflowIds.generationId(info.getWorkflowId());
    String step = stepName(info.getActivityType());
    ProgressThrottle throttle = new ProgressThrottle();
    Heartbeats heartbeats = new Heartbeats(activity);
    JobListener listener = new JobListener() {
      @Override
      public void placed(String placedId, String address) {
        heartbeats.placed(placedId, address);
      }

      @Override
      public void progress(String stage, int percent) {
        int ofStep = from + percent * (to - from) / 100;
        heartbeats.progress(ofStep);
        if (reportAs != null && throttle.shouldReport(ofStep)) {
          report(reportAs, step, ofStep);
        }
      }
    };
    // The worker logs the job under the generation and workflow it belongs to.
    BaggageBuilder baggage = Baggage.current().toBuilder().put(WORKFLOW_ID, info.getWorkflowId());
    if (reportAs != null) {
      baggage.put(GENERATION_ID, reportAs);
    }
    try (Scope scope = baggage.build().storeInContext(Context.current()).makeCurrent()) {
      return fleet.run(
          new JobSpec(jobId, input.model(), input.fields(), userId, 0, files),
          heartbeats.known().addressByJobId(),
          listener);
    } catch (ActivityCanceledException e) {
      // The workflow no longer wants the result: free the GPU slot before reporting the
      // cancellation (workflows wait for it before they compensate). Other completion
      // exceptions (timed out, worker shutdown) leave the job running for the retry to attach.
      cancelQuietly(jobId, heartbeats.known().addressByJobId(), e);
      throw e;
    } catch (GpuFleetException e) {
      throw FleetFailures.toApplicationFailure(e);
    }
  }

  private void cancelQuietly(
      String jobId, Map<String, String> knownAddresses, RuntimeException cancellation) {
    try {
      fleet.cancel(jobId, knownAddresses);
    } catch (RuntimeException e) {
      cancellation.addSuppressed(e);
    }
  }

  private void report(String generationId, String step, int percent) {
    try {
      progress.progress(generationId, step, percent);
    } catch (RuntimeException e) {
      // Progress is a nicety; the step must not fail (and its model re-run) because of it.
      log.warn("progress of {} {} not recorded: {}", generationId, step, e.toString());
    }
  }

  /**
   * The heartbeat details of one run: they start from what the attempt (or, before its first
   * heartbeat, the previous attempt) recorded, so the placements of an activity's earlier jobs and
   * attempts are kept.
   */
  private static final class Heartbeats {
    /**
     * How often an unchanged percent is passed on. The worker repeats a job's last event every
     * quarter second while it waits in the queue or sits at one percent; each repeat used to become a
     * heartbeat call to the server (the worker throttle lets one through every 400 ms). In a deep
     * backlog that was about one call per second per queued job: with ~100 jobs queued, half a core of
     * the embedded service heartbeating jobs that had not moved. A changed percent is passed on at
     * once, so a running job still learns of a cancel within the 400 ms throttle; a queued one
     * within this interval (it holds no GPU slot meanwhile). Well inside the GPU and LLM
     * heartbeat timeouts (10 s and 20 s).
     */
    static final long REPEAT_INTERVAL_NANOS = 3_000_000_000L;

    private final ActivityExecutionContext activity;
    private GpuJobHeartbeat details;
    private boolean sent;
    private long lastHeartbeatNanos;

    Heartbeats(ActivityExecutionContext activity) {
      this.activity = activity;
      this.details = GpuJobHeartbeat.recorded(activity);
    }

    GpuJobHeartbeat known() {
      return details;
    }

    void placed(String jobId, String address) {
      details = details.placed(jobId, address);
      send();
    }

    void progress(int percent) {
      boolean repeat = sent
          && percent == details.percent()
          && System.nanoTime() - lastHeartbeatNanos < REPEAT_INTERVAL_NANOS;
      if (repeat) {
        return;
      }
      details = details.at(percent);
      send();
    }

    private void send() {
      sent = true;
      lastHeartbeatNanos = System.nanoTime();
      // Throws once the activity is cancelled (learnt from the response to a heartbeat).
      activity.heartbeat(details);
    }
  }

  /** Steps are named like the activity methods; activity types are those with a capital. */
  private static String stepName(String activityType) {
    return activityType.isEmpty()
        ? activityType
        : Character.toLowerCase(activityType.charAt(0)) + activityType.substring(1);
  }
}
