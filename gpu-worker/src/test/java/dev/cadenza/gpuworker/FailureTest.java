package dev.cadenza.gpuworker;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import dev.cadenza.gpuworker.runner.ModelRunner;
import dev.cadenza.gpuworker.runner.RunContext;
import dev.cadenza.gpuworker.runner.RunResult;
import dev.cadenza.proto.gpu.v1.Failed;
import dev.cadenza.proto.gpu.v1.JobEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How failures outside the caller's control reach the caller: retryable, with a code. */
class FailureTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  /** A model with a bug. */
  private static final ModelRunner BROKEN = new ModelRunner() {
    @Override
    public String model() {
      return "broken";
    }

    @Override
    public RunResult run(Struct input, RunContext ctx) {
      throw new IllegalStateException("CUDA out of memory");
    }
  };

  @Test
  void aRunnerExceptionIsARetryableModelErrorAndFreesTheSlot() throws Exception {
    try (TestWorker worker =
        TestWorker.start(GpuWorkerConfig.builder().slot("broken", 1), List.of(BROKEN))) {
      Failed first = Jobs.last(worker.run(Jobs.request("f-1", "broken"))).getFailed();
      Failed second = Jobs.last(worker.run(Jobs.request("f-2", "broken"))).getFailed();

      assertThat(first.getCode()).isEqualTo("MODEL_ERROR");
      assertThat(first.getRetryable()).isTrue();
      assertThat(first.getMessage()).contains("CUDA out of memory");
      assertThat(second.getCode()).as("the slot was released").isEqualTo("MODEL_ERROR");
      assertThat(worker.server.metrics().model("broken").jobsFailed()).isEqualTo(2);
    }
  }

  @Test
  void stoppingTheWorkerFailsUnfinishedJobsAsRetryable() throws Exception {
    GatedRunner runner = new GatedRunner("gated", 0);
    try (TestWorker worker =
        TestWorker.start(GpuWorkerConfig.builder().slot("gated", 1), List.of(runner))) {
      EventRecorder running = worker.submit(Jobs.request("s-running", "gated"));
      running.await(JobEvent::hasStarted, WAIT);
      EventRecorder queued = worker.submit(Jobs.request("s-queued", "gated"));
      queued.await(JobEvent::hasQueued, WAIT);

      worker.server.stop();

      for (EventRecorder stream : List.of(running, queued)) {
        Failed failed = Jobs.last(stream.awaitEnd(WAIT)).getFailed();
        assertThat(failed.getCode()).isEqualTo("WORKER_SHUTDOWN");
        assertThat(failed.getRetryable()).isTrue();
      }
      Thread.sleep(100);
      assertThat(runner.exits).as("the runner was stopped").hasValue(1);
    }
  }
}
