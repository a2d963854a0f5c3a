package dev.cadenza.gpuworker;

import dev.cadenza.gpuworker.runner.JobCanceledException;
import dev.cadenza.gpuworker.runner.ModelFailureException;
import dev.cadenza.gpuworker.runner.ModelRunner;
import dev.cadenza.gpuworker.runner.RunResult;
import dev.cadenza.gpuworker.tracing.TraceLogContext;
import dev.cadenza.proto.gpu.v1.Completed;
import dev.cadenza.proto.gpu.v1.Failed;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slots and the waiting queue of one model. Each slot runs one job at a time on its own
 * virtual thread; whenever a slot frees up (job ended, or canceled) the next queued job starts
 * at once, so a slot never idles while work for its model waits.
 */
final class ModelPool {

  private static final Logger log = LoggerFactory.getLogger(ModelPool.class);

  private final ModelRunner runner;
  private final String workerId;
  private final SimulatedModelTime simulatedModelTime;
  private final ReentrantLock lock = new ReentrantLock();
  private final FairQueue<Job> queue = new FairQueue<>(Job::priority, Job::userId);
  // running[slot] is the job holding that slot, or null when the slot is free.
  private final Job[] running;

  private final AtomicLong executed = new AtomicLong();
  private final AtomicLong reattached = new AtomicLong();
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong canceled = new AtomicLong();
  private final DoubleAdder gpuSeconds = new DoubleAdder();

  ModelPool(ModelRunner runner, int slots, String workerId, SimulatedModelTime simulatedModelTime) {
    this.runner = runner;
    this.running = new Job[slots];
    this.workerId = workerId;
    this.simulatedModelTime = simulatedModelTime;
  }

  String model() {
    return runner.model();
  }

  /** Validates a new job and queues it (starting it at once when a slot is free). */
  void admit(Job job) {
    try {
      runner.validate(job.input());
    } catch (ModelFailureException e) {
      reject(job, e);
      return;
    }
    lock.lock();
    try {
      queue.add(job);
      dispatch();
      if (job.state() == Job.State.QUEUED) {
        job.queued(queue.inOrder().indexOf(job));
      }
    } finally {
      lock.unlock();
    }
  }

  void recordReattach() {
    reattached.incrementAndGet();
  }

  /** Cancels a queued or running job; a running job's slot goes to the next job right away. */
  boolean cancel(Job job, String reason) {
    lock.lock();
    try {
      if (queue.remove(job)) {
        job.cancel(reason);
        job.releaseFiles();
        canceled.incrementAndGet();
        try (TraceLogContext logs = job.logContext()) {
          log.info("job {} canceled while queued, model={}", job.id(), model());
        }
        return true;
      }
      int slot = slotOf(job);
      if (slot < 0 || !job.cancel(reason)) {
        return false;
      }
      // The runner stops at its next cancellation check; the slot does not wait for that.
      running[slot] = null;
      canceled.incrementAndGet();
      gpuSeconds.add(job.gpuSeconds());
      try (TraceLogContext logs = job.logContext()) {
        log.info("job {} canceled while running, model={} slot={}", job.id(), model(), slot);
      }
      dispatch();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Lets every waiting and running job emit its liveness event (one per quiet quarter second:
   * the server's tick calls this every 250 ms).
   */
  void heartbeat() {
    lock.lock();
    try {
      List<Job> waiting = queue.inOrder();
      for (int position = 0; position < waiting.size(); position++) {
        waiting.get(position).heartbeat(position);
      }
      for (Job job : running) {
        if (job != null) {
          job.heartbeat(0);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Fails every queued and running job (retryable): the worker is going away. */
  void abortAll(String reason) {
    lock.lock();
    try {
      Failed failure = Failed.newBuilder()
          .setCode("WORKER_SHUTDOWN")
          .setMessage(reason)
          .setRetryable(true)
          .build();
      for (Job job = queue.poll(); job != null; job = queue.poll()) {
        if (job.abort(failure)) {
          failed.incrementAndGet();
        }
      }
      for (int slot = 0; slot < running.length; slot++) {
        Job job = running[slot];
        if (job != null && job.abort(failure)) {
          failed.incrementAndGet();
          gpuSeconds.add(job.gpuSeconds());
        }
        running[slot] = null;
      }
    } finally {
      lock.unlock();
    }
  }

  ModelMetrics metrics() {
    lock.lock();
    try {
      int busy = 0;
      for (Job job : running) {
        busy += job == null ? 0 : 1;
      }
      return new ModelMetrics(
          model(),
          running.length,
          busy,
          queue.size(),
          executed.get(),
          reattached.get(),
          completed.get(),
          failed.get(),
          canceled.get(),
          gpuSeconds.sum());
    } finally {
      lock.unlock();
    }
  }

  /** Starts queued jobs on free slots. Called with the lock held. */
  private void dispatch() {
    for (int slot = freeSlot(); slot >= 0 && !queue.isEmpty(); slot = freeSlot()) {
      Job job = queue.poll();
      if (!job.start(workerId, slot)) {
        continue;
      }
      running[slot] = job;
      executed.incrementAndGet();
      int startedSlot = slot;
      try (TraceLogContext logs = job.logContext()) {
        log.info("job {} started, model={} slot={} user={}", job.id(), model(), slot, job.userId());
      }
      Thread.ofVirtual().name("job-" + job.id()).start(() -> {
        // The runner's own work (and any spans or logs of model server calls) is the job's.
        try (Scope scope = job.trace().makeCurrent();
            TraceLogContext logs = job.logContext()) {
          execute(job, startedSlot);
        }
      });
    }
  }

  private void execute(Job job, int slot) {
    JobRunContext ctx = new JobRunContext(job);
    try {
      if (simulatedModelTime.isPositive()) {
        ctx.simulateModelTime(simulatedModelTime.forJob(job.id()));
      }
      RunResult result = runner.run(job.input(), ctx);
      ctx.checkCanceled();
      Completed.Builder done =
          Completed.newBuilder().setText(result.text()).putAllMetadata(result.metadata());
      if (job.complete(done)) {
        completed.incrementAndGet();
      }
    } catch (JobCanceledException e) {
      // Already reported as Canceled (or aborted) by whoever stopped the job.
    } catch (ModelFailureException e) {
      fail(job, e.code(), e.getMessage(), e.retryable());
    } catch (RuntimeException | Error e) {
      // Runner bugs and resource exhaustion alike: another attempt may well succeed.
      log.warn("job {} runner error, model={}", job.id(), model(), e);
      fail(job, ModelFailureException.MODEL_ERROR, String.valueOf(e), true);
    } finally {
      job.releaseFiles();
      release(job, slot);
    }
  }

  private void fail(Job job, String code, String message, boolean retryable) {
    Failed failure = Failed.newBuilder()
        .setCode(code)
        .setMessage(message)
        .setRetryable(retryable)
        .build();
    if (job.fail(failure)) {
      failed.incrementAndGet();
    }
  }

  private void reject(Job job, ModelFailureException e) {
    job.releaseFiles();
    fail(job, e.code(), e.getMessage(), e.retryable());
    try (TraceLogContext logs = job.logContext()) {
      log.info(
          "job {} rejected, model={} code={}: {}", job.id(), model(), e.code(), e.getMessage());
    }
  }

  private void release(Job job, int slot) {
    lock.lock();
    try {
      if (running[slot] == job) {
        // Not canceled: the slot is still this job's, and its time counts now.
        running[slot] = null;
        gpuSeconds.add(job.gpuSeconds());
      }
      dispatch();
    } finally {
      lock.unlock();
    }
    log.info(
        "job {} finished, model={} slot={} state={} gpuSeconds={}",
        job.id(),
        model(),
        slot,
        job.state(),
        String.format("%.3f", job.gpuSeconds()));
  }

  private int freeSlot() {
    for (int slot = 0; slot < running.length; slot++) {
      if (running[slot] == null) {
        return slot;
      }
    }
    return -1;
  }

  private int slotOf(Job job) {
    for (int slot = 0; slot < running.length; slot++) {
      if (running[slot] == job) {
        return slot;
      }
    }
    return -1;
  }
}
