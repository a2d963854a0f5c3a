package dev.cadenza.gpuworker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.time.Duration;
import java.util.DoubleSummaryStatistics;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SimulatedModelTimeTest {

  @Test
  void withoutJitterEveryJobTakesTheMean() {
    SimulatedModelTime time = new SimulatedModelTime(Duration.ofMillis(1500), 0);

    assertThat(time.forJob("song-gen_1:GenerateAudio")).isEqualTo(Duration.ofMillis(1500));
    assertThat(time.forJob("song-gen_2:GenerateAudio")).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void jitterSpreadsJobsAroundTheMeanTheSameWayEveryTime() {
    SimulatedModelTime time = new SimulatedModelTime(Duration.ofSeconds(2), 0.5);
    DoubleSummaryStatistics seconds = IntStream.range(0, 2000)
        .mapToDouble(i -> time.forJob("song-gen_" + i + ":GenerateAudio").toNanos() / 1e9)
        .summaryStatistics();

    assertThat(seconds.getMin()).isBetween(1.0, 1.1);
    assertThat(seconds.getMax()).isBetween(2.9, 3.0);
    assertThat(seconds.getAverage()).isCloseTo(2.0, offset(0.05));
    assertThat(time.forJob("song-gen_7:GenerateAudio"))
        .isEqualTo(time.forJob("song-gen_7:GenerateAudio"));
  }

  @Test
  void refusesNegativeTimesAndJitterBeyondOne() {
    assertThatThrownBy(() -> new SimulatedModelTime(Duration.ofMillis(-1), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SimulatedModelTime(Duration.ZERO, 1.01))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
