package dev.cadenza.gpuworker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.cadenza.proto.gpu.v1.Capabilities;
import dev.cadenza.proto.gpu.v1.CapabilitiesRequest;
import dev.cadenza.proto.gpu.v1.GpuWorkerGrpc;
import dev.cadenza.proto.gpu.v1.JobEvent;
import dev.cadenza.proto.gpu.v1.ModelCapacity;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server's plumbing: health, reflection, capabilities, requests it must turn away. */
class GpuWorkerServerTest {

  private final TestWorker worker = TestWorker.start(GpuWorkerConfig.builder().slot("audio", 3));

  @AfterEach
  void stop() throws InterruptedException {
    worker.close();
  }

  @Test
  void healthIsServingForTheServerAndTheService() {
    HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(worker.channel);
    for (String service : List.of("", GpuWorkerGrpc.SERVICE_NAME)) {
      ServingStatus status = health
          .withDeadlineAfter(5, TimeUnit.SECONDS)
          .check(HealthCheckRequest.newBuilder().setService(service).build())
          .getStatus();
      assertThat(status).as("health of \"%s\"", service).isEqualTo(ServingStatus.SERVING);
    }
  }

  @Test
  void reflectionListsTheService() throws Exception {
    CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(worker.channel)
        .withDeadlineAfter(5, TimeUnit.SECONDS)
        .serverReflectionInfo(new StreamObserver<>() {
          @Override
          public void onNext(ServerReflectionResponse response) {
            answer.complete(response);
          }

          @Override
          public void onError(Throwable t) {
            answer.completeExceptionally(t);
          }

          @Override
          public void onCompleted() {}
        });
    requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());

    List<String> services =
        answer.get(5, TimeUnit.SECONDS).getListServicesResponse().getServiceList().stream()
            .map(ServiceResponse::getName)
            .toList();
    requests.onCompleted();

    assertThat(services).contains("cadenza.gpu.v1.GpuWorker", "grpc.health.v1.Health");
  }

  @Test
  void capabilitiesReportEveryModelsSlots() {
    Capabilities capabilities =
        worker.blocking().getCapabilities(CapabilitiesRequest.getDefaultInstance());

    assertThat(capabilities.getWorkerId()).isEqualTo("test-worker");
    assertThat(capabilities.getModelsList())
        .extracting(ModelCapacity::getModel, ModelCapacity::getSlots, ModelCapacity::getBusySlots)
        .containsExactly(
            tuple("audio", 3, 0),
            tuple("image", 2, 0),
            tuple("mesh", 1, 0),
            tuple("text", 4, 0),
            tuple("video", 1, 0));
  }

  @Test
  void unknownModelFailsAsInvalidInputNotRetryable() {
    List<JobEvent> events = worker.run(Jobs.request("job-unknown", "hologram", "prompt", "x"));

    assertThat(events).hasSize(1);
    JobEvent failed = events.get(0);
    assertThat(failed.getJobId()).isEqualTo("job-unknown");
    assertThat(failed.getSequence()).isEqualTo(1);
    assertThat(failed.getFailed().getCode()).isEqualTo("INVALID_INPUT");
    assertThat(failed.getFailed().getMessage()).contains("unknown model");
    assertThat(failed.getFailed().getRetryable()).isFalse();
  }

  @Test
  void missingJobIdFailsAsInvalidInput() {
    List<JobEvent> events = worker.run(Jobs.request("", "text", "task", "title"));

    assertThat(Jobs.last(events).getFailed().getCode()).isEqualTo("INVALID_INPUT");
  }

  @Test
  void startsOnAFreePortWhenAskedForPortZero() {
    assertThat(worker.server.getPort()).isPositive();
  }
}
