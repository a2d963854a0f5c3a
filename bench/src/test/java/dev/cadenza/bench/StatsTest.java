package dev.cadenza.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void nearestRankPercentilesOfOneToHundred() {
    Stats s = Stats.of(IntStream.rangeClosed(1, 100).mapToDouble(i -> 101 - i).toArray());

    assertThat(s.count()).isEqualTo(100);
    assertThat(s.p50()).isEqualTo(50);
    assertThat(s.p90()).isEqualTo(90);
    assertThat(s.p99()).isEqualTo(99);
    assertThat(s.max()).isEqualTo(100);
    assertThat(s.mean()).isEqualTo(50.5);
  }

  @Test
  void percentilesAreMeasuredValues() {
    Stats s = Stats.of(List.of(10.0, 20.0, 30.0));

    assertThat(s.p50()).isEqualTo(20);
    assertThat(s.p99()).isEqualTo(30);
    assertThat(Stats.of(List.of(7.0)).p50()).isEqualTo(7);
  }

  @Test
  void aSingleSlowValueIsTheP99OfFewerThanHundred() {
    double[] values = new double[50];
    java.util.Arrays.fill(values, 1);
    values[17] = 1000;

    assertThat(Stats.of(values).p99()).isEqualTo(1000);
    assertThat(Stats.of(values).p90()).isEqualTo(1);
  }

  @Test
  void emptyIsNotANumber() {
    assertThat(Stats.of(new double[0]).p50()).isNaN();
    assertThatThrownBy(() -> Stats.percentile(new double[] {1}, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
