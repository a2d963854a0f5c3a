package dev.cadenza.gpuworker;

import dev.cadenza.proto.gpu.v1.JobEvent;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one job's event log and sends it to one caller, from the first event to the
 * terminal one, on its own virtual thread. Each caller has its own cursor, so replay to a
 * re-attaching caller and live delivery are the same loop; the job never waits for a slow
 * caller (events wait in the log, and sending honours gRPC flow control).
 *
 * <p>A caller that goes away (cancel, deadline, disconnect) only ends this stream: the job
 * keeps running so the caller can attach again.
 */
final class EventStream implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(EventStream.class);
  private static final long POLL_MILLIS = 200;

  private final JobRegistry.Admission admission;
  private final ServerCallStreamObserver<JobEvent> call;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition readyOrCanceled = lock.newCondition();

  private EventStream(JobRegistry.Admission admission, ServerCallStreamObserver<JobEvent> call) {
    this.admission = admission;
    this.call = call;
  }

  /** Starts streaming; must be called from the service method, before it returns. */
  static void start(JobRegistry.Admission admission, ServerCallStreamObserver<JobEvent> call) {
    EventStream stream = new EventStream(admission, call);
    call.setOnReadyHandler(stream::wake);
    call.setOnCancelHandler(stream::wake);
    Thread.ofVirtual().name("stream-" + admission.job().id()).start(stream);
  }

  @Override
  public void run() {
    Job job = admission.job();
    try {
      for (int index = 0; !call.isCancelled(); ) {
        JobEvent event = job.awaitEvent(index, POLL_MILLIS);
        if (event == null || !awaitReady()) {
          continue;
        }
        call.onNext(asSeenByCaller(event, index));
        index++;
        if (Job.isTerminal(event)) {
          call.onCompleted();
          return;
        }
      }
      log.debug("job {}: caller went away; the job goes on", job.id());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (StatusRuntimeException | IllegalStateException e) {
      // The call was closed under us (cancel raced with onNext): nothing left to tell.
      log.debug("job {}: stream closed: {}", job.id(), e.toString());
    }
  }

  /**
   * The stored event as this caller sees it. Events are stored as emitted; an attaching caller
   * gets {@code replayed = true} on those that existed before it attached, and {@code
   * Started.reattached = true} whether the start is replayed or still to come.
   */
  private JobEvent asSeenByCaller(JobEvent event, int index) {
    if (!admission.attached()) {
      return event;
    }
    JobEvent.Builder seen = event.toBuilder().setReplayed(index < admission.replayedEvents());
    if (event.hasStarted()) {
      seen.getStartedBuilder().setReattached(true);
    }
    return seen.build();
  }

  /** Waits until gRPC can take another message; false when the call was canceled. */
  private boolean awaitReady() throws InterruptedException {
    lock.lock();
    try {
      while (!call.isReady() && !call.isCancelled()) {
        // Timed, because readiness can flip between the check and the wait.
        readyOrCanceled.await(POLL_MILLIS, TimeUnit.MILLISECONDS);
      }
      return !call.isCancelled();
    } finally {
      lock.unlock();
    }
  }

  private void wake() {
    lock.lock();
    try {
      readyOrCanceled.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
