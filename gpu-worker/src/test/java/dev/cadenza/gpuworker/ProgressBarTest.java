package dev.cadenza.gpuworker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadenza.proto.gpu.v1.JobEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A job's progress is one bar: the simulated model time and the runner's own stages follow each
 * other on it, and it never goes back, so a client never sees 100% and then 3%.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProgressBarTest {
  private final TestWorker worker =
      TestWorker.start(GpuWorkerConfig.builder().simulatedModelTime(Duration.ofMillis(1200)));

  @AfterAll
  void stop() throws InterruptedException {
    worker.close();
  }

  @Test
  void audioWithModelTimeReportsOneRisingBarThroughEveryStage() {
    List<JobEvent> events = worker.run(Jobs.request(
        "p-audio",
        "audio",
        "prompt",
        "lo-fi, rain",
        "lyrics",
        "[Verse]\nrain",
        "durationSeconds",
        4));

    List<Integer> percents = events.stream()
        .filter(JobEvent::hasProgress)
        .map(e -> e.getProgress().getPercent())
        .toList();
    List<String> stages = events.stream()
        .filter(JobEvent::hasProgress)
        .map(e -> e.getProgress().getStage())
        .distinct()
        .toList();
    assertThat(stages).contains("inference", "render");
    assertThat(percents).isSorted();
    assertThat(percents.getLast()).isGreaterThanOrEqualTo(95);
    // The model time is the first 90% of the bar, the rendering the rest.
    assertThat(events)
        .filteredOn(e -> e.hasProgress() && e.getProgress().getStage().equals("render"))
        .allSatisfy(e -> assertThat(e.getProgress().getPercent()).isBetween(90, 100));
    assertThat(Jobs.last(events).hasCompleted()).isTrue();
  }
}
