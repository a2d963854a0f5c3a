package dev.cadenza.gpuworker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadenza.proto.gpu.v1.JobEvent;
import dev.cadenza.proto.gpu.v1.JobRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The same job id never runs the model twice: callers attach and get the whole story. */
class ReattachTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final GatedRunner runner = new GatedRunner("gated", 0);
  private TestWorker worker;

  @AfterEach
  void stop() throws InterruptedException {
    runner.open();
    worker.close();
  }

  private void start(Duration retention) {
    worker = TestWorker.start(GpuWorkerConfig.builder().retention(retention), List.of(runner));
  }

  @Test
  void aCallerThatWentAwayAttachesAgainAndGetsTheResult() throws Exception {
    start(Duration.ofMinutes(10));
    JobRequest request = Jobs.request("song-1:generateAudio", "gated");
    EventRecorder first = worker.submit(request);
    first.await(JobEvent::hasProgress, WAIT);

    first.cancelStream(); // the caller crashes mid-job
    Thread.sleep(200);
    EventRecorder second = worker.submit(request);
    second.await(JobEvent::hasStarted, WAIT);
    runner.open();
    List<JobEvent> events = second.awaitEnd(WAIT);

    assertThat(Jobs.last(events).hasCompleted()).isTrue();
    assertThat(new String(Jobs.outputs(events).get("result.txt"), StandardCharsets.UTF_8))
        .isEqualTo("done song-1:generateAudio");
    assertThat(events.get(0).getReplayed())
        .as("events before attaching are replayed")
        .isTrue();
    assertThat(Jobs.last(events).getReplayed()).as("live events are not").isFalse();
    assertThat(events)
        .filteredOn(JobEvent::hasStarted)
        .singleElement()
        .satisfies(e -> assertThat(e.getStarted().getReattached()).isTrue());
    assertThat(events)
        .extracting(JobEvent::getSequence)
        .as("the whole sequence, from 1, without gaps")
        .containsExactlyElementsOf(
            LongStream.rangeClosed(1, events.size()).boxed().toList());
    assertThat(runner.runs).hasValue(1);
    ModelMetrics metrics = worker.server.metrics().model("gated");
    assertThat(metrics.jobsExecuted()).isEqualTo(1);
    assertThat(metrics.jobsReattached()).isEqualTo(1);
  }

  @Test
  void attachingToAFinishedJobReplaysItWithoutRunningAgain() throws Exception {
    start(Duration.ofMinutes(10));
    runner.open();
    JobRequest request = Jobs.request("song-2:generateAudio", "gated");
    List<JobEvent> original = worker.run(request);

    List<JobEvent> replay = worker.run(request);

    assertThat(replay).hasSameSizeAs(original).allMatch(JobEvent::getReplayed);
    assertThat(Jobs.outputs(replay).get("result.txt"))
        .isEqualTo(Jobs.outputs(original).get("result.txt"));
    assertThat(Jobs.last(replay).getCompleted()).isEqualTo(Jobs.last(original).getCompleted());
    assertThat(original).noneMatch(JobEvent::getReplayed);
    assertThat(runner.runs).hasValue(1);
  }

  @Test
  void afterRetentionTheJobIsForgottenAndRunsAnew() throws Exception {
    start(Duration.ofMillis(300));
    runner.open();
    JobRequest request = Jobs.request("song-3:generateAudio", "gated");
    worker.run(request);

    Thread.sleep(800); // retention plus a few housekeeping ticks
    List<JobEvent> again = worker.run(request);

    assertThat(again).noneMatch(JobEvent::getReplayed);
    assertThat(runner.runs).hasValue(2);
  }
}
