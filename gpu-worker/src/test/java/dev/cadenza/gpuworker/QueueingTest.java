package dev.cadenza.gpuworker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadenza.proto.gpu.v1.JobEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When every slot is busy, work waits (and says so) instead of failing. */
class QueueingTest {

  private static final Duration WAIT = Duration.ofSeconds(15);

  private TestWorker worker;

  @AfterEach
  void stop() throws InterruptedException {
    worker.close();
  }

  @Test
  void withOneSlotJobsRunOneAtATimeAndReportTheirPlaceInLine() throws Exception {
    GatedRunner runner = new GatedRunner("gated", 300);
    worker = TestWorker.start(GpuWorkerConfig.builder().slot("gated", 1), List.of(runner));

    EventRecorder first = worker.submit(Jobs.request("q-1", "gated"));
    first.await(JobEvent::hasStarted, WAIT);
    EventRecorder second = worker.submit(Jobs.request("q-2", "gated"));
    second.await(JobEvent::hasQueued, WAIT);
    EventRecorder third = worker.submit(Jobs.request("q-3", "gated"));

    List<JobEvent> thirdEvents = third.awaitEnd(WAIT);
    List<JobEvent> secondEvents = second.awaitEnd(WAIT);
    List<JobEvent> firstEvents = first.awaitEnd(WAIT);

    for (List<JobEvent> events : List.of(firstEvents, secondEvents, thirdEvents)) {
      assertThat(Jobs.last(events).hasCompleted()).as("%s", Jobs.last(events)).isTrue();
    }
    assertThat(firstEvents).noneMatch(JobEvent::hasQueued);
    assertThat(secondEvents.get(0).getQueued().getPosition()).isZero();
    assertThat(thirdEvents.get(0).getQueued().getPosition()).isEqualTo(1);
    assertThat(thirdEvents)
        .filteredOn(JobEvent::hasQueued)
        .as("the third job moves up once the first finishes")
        .anyMatch(e -> e.getQueued().getPosition() == 0);
    assertThat(runner.maxConcurrent).hasValue(1);
    assertThat(runner.runs).hasValue(3);
  }

  @Test
  void aLongJobSaysSomethingAboutEverySecond() throws Exception {
    GatedRunner runner = new GatedRunner("gated", 0);
    worker = TestWorker.start(GpuWorkerConfig.builder().slot("gated", 1), List.of(runner));
    EventRecorder running = worker.submit(Jobs.request("h-running", "gated"));
    running.await(JobEvent::hasStarted, WAIT);
    EventRecorder waiting = worker.submit(Jobs.request("h-waiting", "gated"));

    Thread.sleep(3200);
    runner.open();

    long heartbeats =
        running.awaitEnd(WAIT).stream().filter(JobEvent::hasProgress).count();
    long queuedUpdates =
        waiting.awaitEnd(WAIT).stream().filter(JobEvent::hasQueued).count();
    // One progress from the runner itself, then one liveness event per quiet second.
    assertThat(heartbeats).isGreaterThanOrEqualTo(3);
    assertThat(queuedUpdates).isGreaterThanOrEqualTo(3);
  }

  @Test
  void jobsOfOneModelDoNotWaitForAnotherModelsSlots() throws Exception {
    GatedRunner slow = new GatedRunner("slow", 0);
    GatedRunner fast = new GatedRunner("fast", 0);
    fast.open();
    worker = TestWorker.start(
        GpuWorkerConfig.builder().slot("slow", 1).slot("fast", 1), List.of(slow, fast));
    worker.submit(Jobs.request("m-slow", "slow")).await(JobEvent::hasStarted, WAIT);

    List<JobEvent> events = worker.run(Jobs.request("m-fast", "fast"));

    assertThat(Jobs.last(events).hasCompleted()).isTrue();
    assertThat(worker.server.metrics().model("slow").busySlots()).isEqualTo(1);
    slow.open();
  }
}
