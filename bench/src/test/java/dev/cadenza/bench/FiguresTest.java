package dev.cadenza.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FiguresTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void completionsPerSecondSpanFirstCreationToLastCompletion() {
    List<Instant> created = List.of(T0, T0.plusSeconds(1));
    List<Instant> completed = List.of(T0.plusSeconds(2), T0.plusSeconds(4));

    assertThat(Figures.completionsPerSecond(created, completed)).isEqualTo(0.5);
  }

  @Test
  void steadyRateLeavesOutFillAndDrain() {
    List<Instant> completed = new ArrayList<>();
    // 100 completions, one every 100 ms, but the first and last ten take a second each.
    for (int i = 0; i < 10; i++) {
      completed.add(T0.plusSeconds(i));
    }
    for (int i = 0; i < 80; i++) {
      completed.add(T0.plusSeconds(10).plusMillis(100L * i));
    }
    for (int i = 0; i < 10; i++) {
      completed.add(T0.plusSeconds(20 + i));
    }

    assertThat(Figures.steadyCompletionsPerSecond(completed))
        .isCloseTo(10.0, org.assertj.core.data.Offset.offset(0.2));
    assertThat(Figures.steadyCompletionsPerSecond(completed.subList(0, 19))).isNaN();
  }

  @Test
  void roundsToThreeDecimalsAndTurnsNaNIntoNull() {
    Map<String, Object> rounded =
        Figures.rounded(Map.of("a", 1.23456, "b", Double.NaN, "c", List.of(2.0004), "d", "x"));

    assertThat(rounded.get("a")).isEqualTo(1.235);
    assertThat(rounded.get("b")).isNull();
    assertThat(rounded.get("c")).isEqualTo(List.of(2.0));
    assertThat(rounded.get("d")).isEqualTo("x");
  }
}
