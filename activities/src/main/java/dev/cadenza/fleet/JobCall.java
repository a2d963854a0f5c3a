package dev.cadenza.fleet;

import dev.cadenza.proto.gpu.v1.GpuWorkerGrpc;
import dev.cadenza.proto.gpu.v1.JobEvent;
import dev.cadenza.proto.gpu.v1.JobRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One {@code SubmitJob} stream, read one event at a time. Events are requested one by one, so a
 * slow reader holds at most one chunk in memory and gRPC flow control keeps the rest on the worker;
 * and unlike the blocking stub, waiting for the next event has a timeout, so a worker that goes
 * silent cannot hold the caller until the call deadline.
 */
final class JobCall implements ClientResponseObserver<JobRequest, JobEvent> {

  private static final Object END = new Object();

  private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
  private volatile ClientCallStreamObserver<JobRequest> call;

  private JobCall() {}

  static JobCall submit(ManagedChannel channel, JobRequest request, Duration deadline) {
    JobCall jobCall = new JobCall();
    GpuWorkerGrpc.newStub(channel)
        .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
        .submitJob(request, jobCall);
    return jobCall;
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<JobRequest> requestStream) {
    call = requestStream;
    requestStream.disableAutoRequestWithInitial(1);
  }

  @Override
  public void onNext(JobEvent event) {
    inbox.add(event);
  }

  @Override
  public void onError(Throwable error) {
    inbox.add(error);
  }

  @Override
  public void onCompleted() {
    inbox.add(END);
  }

  /**
   * The next event, or null when the worker ended the stream.
   *
   * @throws StatusRuntimeException when the call failed
   * @throws TimeoutException when nothing arrived for {@code idleTimeout}
   */
  JobEvent next(Duration idleTimeout) throws InterruptedException, TimeoutException {
    Object item = inbox.poll(idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
    if (item == null) {
      throw new TimeoutException("no event for " + idleTimeout);
    }
    if (item == END) {
      return null;
    }
    if (item instanceof Throwable error) {
      throw Status.fromThrowable(error).asRuntimeException();
    }
    call.request(1);
    return (JobEvent) item;
  }

  /** Closes the stream; the job on the worker is not affected (that is {@code CancelJob}). */
  void cancel(String reason) {
    call.cancel(reason, null);
  }
}
