package dev.cadenza.bench;

import dev.cadenza.gpuworker.GpuWorkerConfig;
import dev.cadenza.gpuworker.GpuWorkerEnvironment;
import java.time.Duration;
import java.util.Map;

/**
 * The simulated model time a GPU worker configured with {@code GPU_WORKER_SIMULATED_SECONDS} and
 * {@code GPU_WORKER_SIMULATED_JITTER} gives each job: the worker's own parsing and draw, so the
 * bench subtracts exactly what the workers spent.
 */
public final class ModelTimes {
  private final GpuWorkerConfig config;

  public ModelTimes(String simulatedSeconds, double jitter) {
    this.config = GpuWorkerEnvironment.read(Map.of(
        "GPU_WORKER_SIMULATED_SECONDS",
        simulatedSeconds,
        "GPU_WORKER_SIMULATED_JITTER",
        Double.toString(jitter)));
  }

  public Duration of(String model, String jobId) {
    return config.simulationFor(model).forJob(jobId);
  }
}
