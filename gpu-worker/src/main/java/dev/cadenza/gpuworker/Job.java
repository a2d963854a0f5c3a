package dev.cadenza.gpuworker;

import com.google.protobuf.Struct;
import dev.cadenza.gpuworker.tracing.TraceLogContext;
import dev.cadenza.proto.gpu.v1.Canceled;
import dev.cadenza.proto.gpu.v1.Completed;
import dev.cadenza.proto.gpu.v1.Failed;
import dev.cadenza.proto.gpu.v1.InputFile;
import dev.cadenza.proto.gpu.v1.JobEvent;
import dev.cadenza.proto.gpu.v1.OutputChunk;
import dev.cadenza.proto.gpu.v1.Progress;
import dev.cadenza.proto.gpu.v1.Queued;
import dev.cadenza.proto.gpu.v1.Started;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One job and its state machine (QUEUED -> RUNNING -> COMPLETED | FAILED | CANCELED). Every
 * state change is recorded as an event in an append-only log; callers follow the log by index
 * (see {@link EventStream}), which is what makes replay to re-attaching callers free. Once a
 * terminal event is in the log, nothing else is appended, so a runner that is still winding
 * down after a cancel cannot add outputs or a late Completed.
 */
final class Job {

  enum State {
    QUEUED,
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELED;

    boolean isFinished() {
      return this == COMPLETED || this == FAILED || this == CANCELED;
    }
  }

  private static final long HEARTBEAT_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  private final String id;
  private final String model;
  private final Struct input;
  private final String userId;
  private final int priority;
  // Dropped once the run ends: a retained finished job must not keep its inputs in memory.
  private volatile List<InputFile> files;
  // The trace of the call that created the job (see TraceContextServerInterceptor): the job's
  // log lines, written on slot threads, carry it.
  private final Context trace = Context.current();

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition appended = lock.newCondition();
  private final List<JobEvent> events = new ArrayList<>();
  private State state = State.QUEUED;
  private long lastEventNanos = System.nanoTime();
  private int lastQueuedPosition = -1;
  private Progress lastProgress = Progress.newBuilder().setStage("running").build();
  private long startedNanos;
  private double gpuSeconds;
  private Instant finishedAt;
  // Read without the lock by the runner's cancellation checks.
  private volatile boolean cancelRequested;

  Job(String id, String model, Struct input, String userId, int priority) {
    this(id, model, input, List.of(), userId, priority);
  }

  Job(String id, String model, Struct input, List<InputFile> files, String userId, int priority) {
    this.id = id;
    this.model = model;
    this.input = input;
    this.files = List.copyOf(files);
    this.userId = userId;
    this.priority = priority;
  }

  String id() {
    return id;
  }

  String model() {
    return model;
  }

  /** Puts this job's trace and ids into the log context until closed. */
  TraceLogContext logContext() {
    return TraceLogContext.enter(trace, id);
  }

  Context trace() {
    return trace;
  }

  Struct input() {
    return input;
  }

  /** The input files sent with the job; empty once its run has ended. */
  List<InputFile> files() {
    return files;
  }

  void releaseFiles() {
    files = List.of();
  }

  String userId() {
    return userId;
  }

  int priority() {
    return priority;
  }

  boolean isCancelRequested() {
    return cancelRequested;
  }

  State state() {
    lock.lock();
    try {
      return state;
    } finally {
      lock.unlock();
    }
  }

  /** When the job reached its terminal state, or null while it is not finished. */
  Instant finishedAt() {
    lock.lock();
    try {
      return finishedAt;
    } finally {
      lock.unlock();
    }
  }

  /** Slot time used: until now while running, until the end once finished. */
  double gpuSeconds() {
    lock.lock();
    try {
      return state == State.RUNNING ? elapsedSinceStart() : gpuSeconds;
    } finally {
      lock.unlock();
    }
  }

  int eventCount() {
    lock.lock();
    try {
      return events.size();
    } finally {
      lock.unlock();
    }
  }

  /** Event number {@code index} (0-based), waiting up to {@code timeoutMillis}; null if none. */
  JobEvent awaitEvent(int index, long timeoutMillis) throws InterruptedException {
    long remaining = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    lock.lock();
    try {
      while (index >= events.size() && remaining > 0) {
        remaining = appended.awaitNanos(remaining);
      }
      return index < events.size() ? events.get(index) : null;
    } finally {
      lock.unlock();
    }
  }

  /** Tells callers where the job stands in the queue. */
  void queued(int position) {
    lock.lock();
    try {
      if (state == State.QUEUED) {
        lastQueuedPosition = position;
        append(JobEvent.newBuilder().setQueued(Queued.newBuilder().setPosition(position)));
      }
    } finally {
      lock.unlock();
    }
  }

  /** QUEUED -> RUNNING; false when the job is no longer queued (e.g. canceled meanwhile). */
  boolean start(String workerId, int slot) {
    lock.lock();
    try {
      if (state != State.QUEUED) {
        return false;
      }
      state = State.RUNNING;
      startedNanos = System.nanoTime();
      append(JobEvent.newBuilder()
          .setStarted(Started.newBuilder().setWorkerId(workerId).setSlot(slot)));
      return true;
    } finally {
      lock.unlock();
    }
  }

  void progress(Progress progress) {
    lock.lock();
    try {
      if (state == State.RUNNING) {
        lastProgress = progress;
        append(JobEvent.newBuilder().setProgress(progress));
      }
    } finally {
      lock.unlock();
    }
  }

  void output(OutputChunk chunk) {
    lock.lock();
    try {
      if (state == State.RUNNING) {
        append(JobEvent.newBuilder().setOutput(chunk));
      }
    } finally {
      lock.unlock();
    }
  }

  /** RUNNING -> COMPLETED; the gpu_seconds field is filled in here. */
  boolean complete(Completed.Builder completed) {
    lock.lock();
    try {
      if (state != State.RUNNING) {
        return false;
      }
      finish(State.COMPLETED);
      append(JobEvent.newBuilder().setCompleted(completed.setGpuSeconds(gpuSeconds)));
      return true;
    } finally {
      lock.unlock();
    }
  }

  boolean fail(Failed failed) {
    return end(State.FAILED, JobEvent.newBuilder().setFailed(failed));
  }

  /** Ends the job as failed and stops its runner (the worker is shutting down). */
  boolean abort(Failed failed) {
    cancelRequested = true;
    return fail(failed);
  }

  boolean cancel(String reason) {
    cancelRequested = true;
    return end(
        State.CANCELED, JobEvent.newBuilder().setCanceled(Canceled.newBuilder().setReason(reason)));
  }

  /**
   * Emits a liveness event when the job has been quiet for a quarter second (or its queue
   * position changed), so a caller can heartbeat its own supervisor from the stream alone, and
   * learns of its own cancellation (which arrives with a heartbeat) within a fraction of a second.
   */
  void heartbeat(int queuePosition) {
    lock.lock();
    try {
      boolean quiet = System.nanoTime() - lastEventNanos >= HEARTBEAT_NANOS;
      if (state == State.QUEUED && (quiet || queuePosition != lastQueuedPosition)) {
        queued(queuePosition);
      } else if (state == State.RUNNING && quiet) {
        append(JobEvent.newBuilder().setProgress(lastProgress));
      }
    } finally {
      lock.unlock();
    }
  }

  private boolean end(State terminal, JobEvent.Builder event) {
    lock.lock();
    try {
      if (state.isFinished()) {
        return false;
      }
      finish(terminal);
      append(event);
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void finish(State terminal) {
    gpuSeconds = state == State.RUNNING ? elapsedSinceStart() : 0;
    state = terminal;
    finishedAt = Instant.now();
  }

  private double elapsedSinceStart() {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  private void append(JobEvent.Builder event) {
    events.add(event.setJobId(id).setSequence(events.size() + 1L).build());
    lastEventNanos = System.nanoTime();
    appended.signalAll();
  }

  static boolean isTerminal(JobEvent event) {
    return switch (event.getKindCase()) {
      case COMPLETED, FAILED, CANCELED -> true;
      default -> false;
    };
  }
}
