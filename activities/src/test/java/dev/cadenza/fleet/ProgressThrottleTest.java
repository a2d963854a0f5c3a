package dev.cadenza.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressThrottleTest {

  private final AtomicLong nanos = new AtomicLong();
  private final ProgressThrottle throttle = new ProgressThrottle(nanos::get);

  @Test
  void reportsTheFirstValueThenStepsOfFivePoints() {
    assertThat(throttle.shouldReport(0)).isTrue();
    assertThat(throttle.shouldReport(3)).isFalse();
    assertThat(throttle.shouldReport(5)).isTrue();
    assertThat(throttle.shouldReport(9)).isFalse();
    assertThat(throttle.shouldReport(10)).isTrue();
  }

  @Test
  void reportsASmallChangeOnceASecondHasPassedButNeverARepeat() {
    throttle.shouldReport(40);
    nanos.addAndGet(999_000_000L);
    assertThat(throttle.shouldReport(41)).isFalse();
    nanos.addAndGet(1_000_000L);
    assertThat(throttle.shouldReport(41)).isTrue();
    nanos.addAndGet(5_000_000_000L);
    assertThat(throttle.shouldReport(41)).as("liveness repeat").isFalse();
  }
}
