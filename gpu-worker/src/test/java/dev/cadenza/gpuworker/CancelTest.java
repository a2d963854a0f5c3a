package dev.cadenza.gpuworker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadenza.proto.gpu.v1.JobEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CancelJob stops queued and running jobs, and a canceled job's slot goes to the next job. */
class CancelTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final GatedRunner runner = new GatedRunner("gated", 0);
  private final TestWorker worker =
      TestWorker.start(GpuWorkerConfig.builder().slot("gated", 1), List.of(runner));

  @AfterEach
  void stop() throws InterruptedException {
    runner.open();
    worker.close();
  }

  @Test
  void cancelingARunningJobFreesItsSlotForTheNextJob() throws Exception {
    EventRecorder running = worker.submit(Jobs.request("c-running", "gated"));
    running.await(JobEvent::hasStarted, WAIT);
    EventRecorder waiting = worker.submit(Jobs.request("c-waiting", "gated"));
    waiting.await(JobEvent::hasQueued, WAIT);

    long canceledAt = System.nanoTime();
    assertThat(worker.cancel("c-running")).isTrue();
    waiting.await(JobEvent::hasStarted, WAIT);
    long nextStartedMillis = (System.nanoTime() - canceledAt) / 1_000_000;
    List<JobEvent> canceled = running.awaitEnd(WAIT);

    assertThat(Jobs.last(canceled).hasCanceled()).isTrue();
    assertThat(Jobs.last(canceled).getCanceled().getReason()).isEqualTo("test");
    assertThat(nextStartedMillis).as("next job started after cancel (ms)").isLessThan(1000);
    assertThat(canceled).noneMatch(JobEvent::hasCompleted);
    Thread.sleep(200);
    assertThat(runner.exits).as("the canceled runner stopped").hasValue(1);
    assertThat(worker.server.metrics().model("gated").jobsCanceled()).isEqualTo(1);
  }

  @Test
  void cancelingAQueuedJobTakesItOutOfTheQueue() throws Exception {
    worker.submit(Jobs.request("c-first", "gated")).await(JobEvent::hasStarted, WAIT);
    EventRecorder queued = worker.submit(Jobs.request("c-queued", "gated"));
    queued.await(JobEvent::hasQueued, WAIT);

    assertThat(worker.cancel("c-queued")).isTrue();

    assertThat(Jobs.last(queued.awaitEnd(WAIT)).hasCanceled()).isTrue();
    assertThat(worker.server.metrics().model("gated").queueDepth()).isZero();
    assertThat(runner.runs).hasValue(1);
  }

  @Test
  void cancelingAnUnknownOrFinishedJobIsANoOp() {
    runner.open();
    worker.run(Jobs.request("c-done", "gated"));

    assertThat(worker.cancel("c-done")).isFalse();
    assertThat(worker.cancel("c-never-heard-of")).isFalse();
  }

  @Test
  void simulatedModelTimeIsCancellable() throws Exception {
    try (TestWorker slow =
        TestWorker.start(GpuWorkerConfig.builder().simulatedModelTime(Duration.ofSeconds(30)))) {
      EventRecorder job = slow.submit(Jobs.request("c-slow", "text", "task", "title"));
      job.await(JobEvent::hasProgress, WAIT);

      long canceledAt = System.nanoTime();
      assertThat(slow.cancel("c-slow")).isTrue();
      List<JobEvent> events = job.awaitEnd(WAIT);

      assertThat(Jobs.last(events).hasCanceled()).isTrue();
      assertThat((System.nanoTime() - canceledAt) / 1_000_000).isLessThan(1000);
      assertThat(events)
          .filteredOn(JobEvent::hasProgress)
          .allMatch(e -> e.getProgress().getStage().equals("inference"));
    }
  }

  @Test
  void simulatedModelTimeAppliesPerModel() throws Exception {
    try (TestWorker worker = TestWorker.start(GpuWorkerConfig.builder()
        .simulatedModelTime("text", Duration.ofMillis(600))
        .simulatedModelTime("audio", Duration.ofSeconds(60)))) {
      List<JobEvent> text = worker.run(Jobs.request("sim-text", "text", "task", "title"));

      assertThat(Jobs.last(text).hasCompleted()).isTrue();
      assertThat(Jobs.last(text).getCompleted().getGpuSeconds()).isGreaterThanOrEqualTo(0.6);
      assertThat(Jobs.last(text).getCompleted().getGpuSeconds()).isLessThan(60);
    }
  }
}
