package dev.cadenza.gpuworker;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * The extra "GPU time" one model's jobs spend before their runner, for benchmarks of the
 * surrounding system: {@code mean}, spread uniformly over {@code mean x [1 - jitter, 1 + jitter]}.
 * A job's draw depends only on its id, so a run is reproducible and a benchmark can compute the
 * model time a job was given (see {@link GpuWorkerConfig#simulationFor}).
 *
 * @param mean the average extra time; zero turns the simulation off
 * @param jitter 0 (every job takes {@code mean}) to 1 (anywhere from 0 to twice the mean)
 */
public record SimulatedModelTime(Duration mean, double jitter) {

  public static final SimulatedModelTime NONE = new SimulatedModelTime(Duration.ZERO, 0);

  public SimulatedModelTime {
    if (mean.isNegative()) {
      throw new IllegalArgumentException("simulated model time must be >= 0");
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter must be within 0..1, was " + jitter);
    }
  }

  /** The time the job with this id spends: the same for the same id, every time. */
  public Duration forJob(String jobId) {
    if (jitter == 0 || mean.isZero()) {
      return mean;
    }
    double u = new SplittableRandom(jobId.hashCode()).nextDouble(-1, 1);
    return Duration.ofNanos(Math.round(mean.toNanos() * (1 + jitter * u)));
  }

  public boolean isPositive() {
    return mean.isPositive();
  }
}
