package dev.cadenza.gpuworker;

import dev.cadenza.gpuworker.runner.ModelRunner;
import dev.cadenza.proto.gpu.v1.CancelJobRequest;
import dev.cadenza.proto.gpu.v1.GpuWorkerGrpc;
import dev.cadenza.proto.gpu.v1.JobEvent;
import dev.cadenza.proto.gpu.v1.JobRequest;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A real worker on a free localhost port plus a real channel to it, closed together. */
final class TestWorker implements AutoCloseable {

  static final long DEADLINE_SECONDS = 30;

  final GpuWorkerServer server;
  final ManagedChannel channel;

  private TestWorker(GpuWorkerServer server) {
    this.server = server;
    this.channel = Grpc.newChannelBuilder(
            "localhost:" + server.getPort(), InsecureChannelCredentials.create())
        .build();
  }

  /** A worker with the built-in runners. */
  static TestWorker start(GpuWorkerConfigBuilder config) {
    return start(config, GpuWorkerServer.builtInRunners());
  }

  /** A worker with the given runners only. */
  static TestWorker start(GpuWorkerConfigBuilder config, List<ModelRunner> runners) {
    return new TestWorker(
        new GpuWorkerServer(config.port(0).workerId("test-worker").build(), runners).start());
  }

  /**
   * A worker whose runners come from its configuration ({@link RunnerCatalog}), as {@code
   * GpuWorkerMain} builds it; {@code env} as for {@link GpuWorkerEnvironment#read}.
   */
  static TestWorker fromEnvironment(Map<String, String> env) {
    Map<String, String> withPort = new HashMap<>(env);
    withPort.put("GPU_WORKER_PORT", "0");
    withPort.put("GPU_WORKER_ID", "test-worker");
    return new TestWorker(new GpuWorkerServer(GpuWorkerEnvironment.read(withPort)).start());
  }

  GpuWorkerGrpc.GpuWorkerBlockingStub blocking() {
    return GpuWorkerGrpc.newBlockingStub(channel)
        .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
  }

  /** Submits and reads the stream to its end. */
  List<JobEvent> run(JobRequest request) {
    List<JobEvent> events = new ArrayList<>();
    blocking().submitJob(request).forEachRemaining(events::add);
    return events;
  }

  /** Submits without waiting; the recorder follows the stream. */
  EventRecorder submit(JobRequest request) {
    EventRecorder recorder = new EventRecorder();
    GpuWorkerGrpc.newStub(channel)
        .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
        .submitJob(request, recorder);
    return recorder;
  }

  boolean cancel(String jobId) {
    return blocking()
        .cancelJob(
            CancelJobRequest.newBuilder().setJobId(jobId).setReason("test").build())
        .getCanceled();
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.stop();
  }
}
