package dev.cadenza.gpuworker;

import dev.cadenza.gpuworker.runner.ModelFailureException;
import dev.cadenza.gpuworker.tracing.TraceLogContext;
import dev.cadenza.proto.gpu.v1.Failed;
import dev.cadenza.proto.gpu.v1.JobRequest;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All jobs this worker knows, by job id: queued, running, and finished ones kept for the
 * retention time. A submission with a known id attaches to the existing job, which is how the
 * same GPU work is never paid for twice.
 */
final class JobRegistry {

  /**
   * The outcome of a submission.
   *
   * @param attached true when the id was already known (the caller joins an existing job)
   * @param replayedEvents how many of the job's events existed when the caller attached
   */
  record Admission(Job job, boolean attached, int replayedEvents) {}

  private static final Logger log = LoggerFactory.getLogger(JobRegistry.class);

  private final Map<String, ModelPool> pools;
  private final Duration retention;
  private final ConcurrentHashMap<String, Job> jobs = new ConcurrentHashMap<>();

  JobRegistry(Map<String, ModelPool> pools, Duration retention) {
    this.pools = Map.copyOf(pools);
    this.retention = retention;
  }

  Collection<ModelPool> pools() {
    return pools.values();
  }

  Admission submit(JobRequest request) {
    if (request.getJobId().isBlank()) {
      return rejected(request, "job_id is required");
    }
    ModelPool pool = pools.get(request.getModel());
    if (pool == null) {
      return rejected(request, "unknown model \"" + request.getModel() + "\"");
    }
    Job[] created = new Job[1];
    Job job = jobs.compute(request.getJobId(), (id, existing) -> {
      if (existing != null && !isExpired(existing, Instant.now())) {
        return existing;
      }
      created[0] = new Job(
          id,
          request.getModel(),
          request.getInput(),
          request.getFilesList(),
          request.getUserId(),
          request.getPriority());
      return created[0];
    });
    if (created[0] != null) {
      pool.admit(job);
      return new Admission(job, false, 0);
    }
    // The existing job's own pool counts the re-attach, even if the caller named another model.
    pools.get(job.model()).recordReattach();
    // In the attaching call's trace (a retry's), not the one that created the job.
    try (TraceLogContext logs = TraceLogContext.enter(Context.current(), job.id())) {
      log.info("job {} re-attached, model={} state={}", job.id(), job.model(), job.state());
    }
    return new Admission(job, true, job.eventCount());
  }

  /** Cancels a queued or running job; false for unknown or finished jobs. */
  boolean cancel(String jobId, String reason) {
    Job job = jobs.get(jobId);
    return job != null && pools.get(job.model()).cancel(job, reason);
  }

  /** Once-a-tick housekeeping: liveness events, then eviction of expired finished jobs. */
  void tick() {
    pools.values().forEach(ModelPool::heartbeat);
    Instant now = Instant.now();
    jobs.values().removeIf(job -> isExpired(job, now));
  }

  void abortAll(String reason) {
    pools.values().forEach(pool -> pool.abortAll(reason));
  }

  private boolean isExpired(Job job, Instant now) {
    Instant finishedAt = job.finishedAt();
    return finishedAt != null && !finishedAt.plus(retention).isAfter(now);
  }

  /** A job that cannot be admitted at all: failed at once and never registered. */
  private static Admission rejected(JobRequest request, String message) {
    Job job = new Job(
        request.getJobId(),
        request.getModel(),
        request.getInput(),
        request.getUserId(),
        request.getPriority());
    job.fail(Failed.newBuilder()
        .setCode(ModelFailureException.INVALID_INPUT)
        .setMessage(message)
        .setRetryable(false)
        .build());
    try (TraceLogContext logs = job.logContext()) {
      log.info("job {} rejected, model={}: {}", request.getJobId(), request.getModel(), message);
    }
    return new Admission(job, false, 0);
  }
}
