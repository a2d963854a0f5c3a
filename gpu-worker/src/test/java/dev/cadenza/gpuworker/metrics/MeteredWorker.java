package dev.cadenza.gpuworker.metrics;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.cadenza.gpuworker.GpuWorkerConfig;
import dev.cadenza.gpuworker.GpuWorkerServer;
import dev.cadenza.gpuworker.runner.ModelRunner;
import dev.cadenza.gpuworker.runner.RunContext;
import dev.cadenza.gpuworker.runner.RunResult;
import dev.cadenza.proto.gpu.v1.CancelJobRequest;
import dev.cadenza.proto.gpu.v1.GpuWorkerGrpc;
import dev.cadenza.proto.gpu.v1.JobEvent;
import dev.cadenza.proto.gpu.v1.JobRequest;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real worker on a free port serving the built-in text model (2 slots) and a "gate" model (1
 * slot) whose jobs run until {@link #openGate()}, plus a channel to it.
 */
final class MeteredWorker implements AutoCloseable {

  static final long DEADLINE_SECONDS = 20;

  final GpuWorkerServer server;
  final ManagedChannel channel;
  private final CountDownLatch gate = new CountDownLatch(1);

  MeteredWorker(String workerId) {
    ModelRunner text = GpuWorkerServer.builtInRunners().stream()
        .filter(r -> r.model().equals("text"))
        .findFirst()
        .orElseThrow();
    server = new GpuWorkerServer(
            GpuWorkerConfig.builder()
                .port(0)
                .workerId(workerId)
                .slot("text", 2)
                .slot("gate", 1)
                .build(),
            List.of(text, new GateRunner()))
        .start();
    channel = Grpc.newChannelBuilder(
            "localhost:" + server.getPort(), InsecureChannelCredentials.create())
        .build();
  }

  static JobRequest titleJob(String jobId) {
    return request(jobId, "text", "task", "title", "description", "rain in the city at night");
  }

  static JobRequest request(String jobId, String model, String... input) {
    Struct.Builder struct = Struct.newBuilder();
    for (int i = 0; i < input.length; i += 2) {
      struct.putFields(input[i], Value.newBuilder().setStringValue(input[i + 1]).build());
    }
    return JobRequest.newBuilder()
        .setJobId(jobId)
        .setModel(model)
        .setUserId("user-1")
        .setInput(struct)
        .build();
  }

  /** Submits and reads the stream to its end; returns the terminal event. */
  JobEvent run(JobRequest request) {
    List<JobEvent> events = new ArrayList<>();
    GpuWorkerGrpc.newBlockingStub(channel)
        .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
        .submitJob(request)
        .forEachRemaining(events::add);
    return events.get(events.size() - 1);
  }

  /** Submits without waiting; the future ends with the terminal event. */
  CompletableFuture<JobEvent> submit(JobRequest request) {
    CompletableFuture<JobEvent> end = new CompletableFuture<>();
    GpuWorkerGrpc.newStub(channel)
        .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
        .submitJob(request, new StreamObserver<>() {
          private JobEvent last;

          @Override
          public void onNext(JobEvent event) {
            last = event;
          }

          @Override
          public void onError(Throwable t) {
            end.completeExceptionally(t);
          }

          @Override
          public void onCompleted() {
            end.complete(last);
          }
        });
    return end;
  }

  boolean cancel(String jobId) {
    return GpuWorkerGrpc.newBlockingStub(channel)
        .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
        .cancelJob(
            CancelJobRequest.newBuilder().setJobId(jobId).setReason("test").build())
        .getCanceled();
  }

  void openGate() {
    gate.countDown();
  }

  @Override
  public void close() throws InterruptedException {
    openGate();
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.stop();
  }

  /** Runs until the gate opens, checking for cancellation every 10 ms. */
  private final class GateRunner implements ModelRunner {

    @Override
    public String model() {
      return "gate";
    }

    @Override
    public RunResult run(Struct input, RunContext ctx) {
      try {
        while (!gate.await(10, TimeUnit.MILLISECONDS)) {
          ctx.checkCanceled();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return RunResult.text("opened");
    }
  }
}
