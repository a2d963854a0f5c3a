package dev.cadenza.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void defaultsAndOverrides() {
    BenchOptions o = BenchOptions.parse(
        "scenario=burst",
        "burstSize=25",
        "burstEvery=2s",
        "env.DATABASE_POOL_SIZE=40",
        "sampleEvery=250ms");

    assertThat(o.mode()).isEqualTo(BenchOptions.Mode.EMBEDDED);
    assertThat(o.scenario()).isEqualTo(Scenario.BURST);
    assertThat(o.port()).isEqualTo(8183);
    assertThat(o.env()).containsEntry("DATABASE_POOL_SIZE", "40");
    assertThat(o.sampleEvery()).isEqualTo(Duration.ofMillis(250));
    assertThat(Scenario.BURST.offsetsNanos(o)).hasSize(200).startsWith(0, 0);
    assertThat(Scenario.BURST.offsetsNanos(o)[25]).isEqualTo(2_000_000_000L);
  }

  @Test
  void steadyOffsetsFollowTheRate() {
    BenchOptions o = BenchOptions.parse("rate=50", "count=3");

    assertThat(Scenario.STEADY.offsetsNanos(o)).containsExactly(0, 20_000_000, 40_000_000);
    assertThat(Scenario.BACKLOG.offsetsNanos(o)).containsExactly(0, 0, 0);
  }

  @Test
  void metricsUrlsKeepTheirOwnCommas() {
    BenchOptions o = BenchOptions.parse(
        "mode=attach",
        "adminKey=k",
        "dbUrl=jdbc:postgresql://db/postgres",
        "metrics=http://a/actuator/prometheus?includedNames=x,y,http://b:9464/metrics");

    assertThat(o.metrics())
        .containsExactly("http://a/actuator/prometheus?includedNames=x,y", "http://b:9464/metrics");
  }

  @Test
  void refusesTyposAndImpossibleCombinations() {
    assertThatThrownBy(() -> BenchOptions.parse("rte=5"))
        .hasMessageContaining("unknown option rte");
    assertThatThrownBy(() -> BenchOptions.parse("count=x")).hasMessageContaining("count");
    assertThatThrownBy(() -> BenchOptions.parse("gpuCrashEvery=10s"))
        .hasMessageContaining("mode=multi");
    assertThatThrownBy(() -> BenchOptions.parse("storageFaults=2")).hasMessageContaining("0..1");
    assertThatThrownBy(() -> BenchOptions.parse("mode=attach")).hasMessageContaining("adminKey");
  }
}
