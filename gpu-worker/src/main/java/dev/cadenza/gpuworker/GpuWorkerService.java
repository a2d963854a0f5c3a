package dev.cadenza.gpuworker;

import dev.cadenza.proto.gpu.v1.CancelJobRequest;
import dev.cadenza.proto.gpu.v1.CancelJobResponse;
import dev.cadenza.proto.gpu.v1.Capabilities;
import dev.cadenza.proto.gpu.v1.CapabilitiesRequest;
import dev.cadenza.proto.gpu.v1.GpuWorkerGrpc;
import dev.cadenza.proto.gpu.v1.JobEvent;
import dev.cadenza.proto.gpu.v1.JobRequest;
import dev.cadenza.proto.gpu.v1.ModelCapacity;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Comparator;

/** The gRPC face of the worker: translates calls to the {@link JobRegistry} and back. */
final class GpuWorkerService extends GpuWorkerGrpc.GpuWorkerImplBase {

  private final String workerId;
  private final JobRegistry registry;

  GpuWorkerService(String workerId, JobRegistry registry) {
    this.workerId = workerId;
    this.registry = registry;
  }

  @Override
  public void submitJob(JobRequest request, StreamObserver<JobEvent> responseObserver) {
    JobRegistry.Admission admission = registry.submit(request);
    EventStream.start(admission, (ServerCallStreamObserver<JobEvent>) responseObserver);
  }

  @Override
  public void cancelJob(
      CancelJobRequest request, StreamObserver<CancelJobResponse> responseObserver) {
    String reason = request.getReason().isBlank() ? "canceled by caller" : request.getReason();
    boolean canceled = registry.cancel(request.getJobId(), reason);
    responseObserver.onNext(CancelJobResponse.newBuilder().setCanceled(canceled).build());
    responseObserver.onCompleted();
  }

  @Override
  public void getCapabilities(
      CapabilitiesRequest request, StreamObserver<Capabilities> responseObserver) {
    Capabilities.Builder capabilities = Capabilities.newBuilder().setWorkerId(workerId);
    registry.pools().stream()
        .map(ModelPool::metrics)
        .sorted(Comparator.comparing(ModelMetrics::model))
        .forEach(m -> capabilities.addModels(ModelCapacity.newBuilder()
            .setModel(m.model())
            .setSlots(m.slots())
            .setBusySlots(m.busySlots())
            .setQueueDepth(m.queueDepth())));
    responseObserver.onNext(capabilities.build());
    responseObserver.onCompleted();
  }
}
