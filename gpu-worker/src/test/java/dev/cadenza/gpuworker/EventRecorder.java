package dev.cadenza.gpuworker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadenza.proto.gpu.v1.JobEvent;
import dev.cadenza.proto.gpu.v1.JobRequest;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Follows one SubmitJob stream in the background; tests wait on what it has seen. */
final class EventRecorder implements ClientResponseObserver<JobRequest, JobEvent> {

  private final List<JobEvent> events = new ArrayList<>();
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile Throwable error;
  private ClientCallStreamObserver<JobRequest> call;

  @Override
  public void beforeStart(ClientCallStreamObserver<JobRequest> requestStream) {
    this.call = requestStream;
  }

  @Override
  public synchronized void onNext(JobEvent event) {
    events.add(event);
    notifyAll();
  }

  @Override
  public void onError(Throwable t) {
    error = t;
    done.countDown();
    synchronized (this) {
      notifyAll();
    }
  }

  @Override
  public void onCompleted() {
    done.countDown();
    synchronized (this) {
      notifyAll();
    }
  }

  /** Waits for the first event matching {@code condition}. */
  synchronized JobEvent await(Predicate<JobEvent> condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (JobEvent event : events) {
        if (condition.test(event)) {
          return event;
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0 || done.getCount() == 0) {
        throw new AssertionError("no matching event in " + events + ", error: " + error);
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  /** Waits for the stream to end normally and returns everything it carried. */
  List<JobEvent> awaitEnd(Duration timeout) throws InterruptedException {
    assertThat(done.await(timeout.toMillis(), TimeUnit.MILLISECONDS))
        .as("stream ended")
        .isTrue();
    assertThat(error).as("stream error").isNull();
    return events();
  }

  synchronized List<JobEvent> events() {
    return List.copyOf(events);
  }

  /** Closes the stream from the client side, as a crashed or canceled caller would. */
  void cancelStream() {
    call.cancel("caller went away", null);
  }
}
