package dev.cadenza.gpuworker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GpuWorkerConfigTest {

  @Test
  void defaultsWhenTheEnvironmentIsEmpty() {
    GpuWorkerConfig config = GpuWorkerEnvironment.read(Map.of());

    assertThat(config.port()).isEqualTo(50051);
    assertThat(config.workerId()).startsWith("gpu-worker-");
    assertThat(config.slotsFor("text")).isEqualTo(4);
    assertThat(config.slotsFor("audio")).isEqualTo(2);
    assertThat(config.slotsFor("image")).isEqualTo(2);
    assertThat(config.retention()).isEqualTo(Duration.ofSeconds(600));
    assertThat(config.simulatedModelTime()).isZero();
  }

  @Test
  void readsEveryVariable() {
    GpuWorkerConfig config = GpuWorkerEnvironment.read(Map.of(
        "GPU_WORKER_PORT", "6000",
        "GPU_WORKER_ID", "gpu-7",
        "GPU_WORKER_SLOTS", "text=8, audio=1,image=0",
        "GPU_WORKER_RETENTION_SECONDS", "30",
        "GPU_WORKER_SIMULATED_SECONDS", "2.5"));

    assertThat(config.port()).isEqualTo(6000);
    assertThat(config.workerId()).isEqualTo("gpu-7");
    assertThat(config.slotsFor("text")).isEqualTo(8);
    assertThat(config.slotsFor("audio")).isEqualTo(1);
    assertThat(config.slotsFor("image")).isZero();
    assertThat(config.slotsFor("mesh")).as("default").isEqualTo(1);
    assertThat(config.slotsFor("hologram")).as("a model without a default").isEqualTo(1);
    assertThat(config.retention()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.simulatedModelTime()).isEqualTo(Duration.ofMillis(2500));
  }

  @Test
  void simulatedSecondsPerModelWithJitter() {
    GpuWorkerConfig config = GpuWorkerEnvironment.read(Map.of(
        "GPU_WORKER_SIMULATED_SECONDS", "0.2, audio=2,image=0.5",
        "GPU_WORKER_SIMULATED_JITTER", "0.25"));

    assertThat(config.simulationFor("audio"))
        .isEqualTo(new SimulatedModelTime(Duration.ofSeconds(2), 0.25));
    assertThat(config.simulationFor("image").mean()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.simulationFor("text").mean()).isEqualTo(Duration.ofMillis(200));
    assertThat(GpuWorkerEnvironment.read(Map.of("GPU_WORKER_SIMULATED_SECONDS", "audio=3"))
            .simulationFor("text"))
        .isEqualTo(SimulatedModelTime.NONE);
  }

  @Test
  void refusesJitterOutsideZeroToOne() {
    assertThatThrownBy(
            () -> GpuWorkerEnvironment.read(Map.of("GPU_WORKER_SIMULATED_JITTER", "1.5")))
        .hasMessageContaining("GPU_WORKER_SIMULATED_JITTER");
    assertThatThrownBy(
            () -> GpuWorkerEnvironment.read(Map.of("GPU_WORKER_SIMULATED_SECONDS", "=2")))
        .hasMessageContaining("GPU_WORKER_SIMULATED_SECONDS");
  }

  @Test
  void namesTheVariableThatDoesNotParse() {
    assertThatThrownBy(() -> GpuWorkerEnvironment.read(Map.of("GPU_WORKER_SLOTS", "text")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GPU_WORKER_SLOTS");
    assertThatThrownBy(() -> GpuWorkerEnvironment.read(Map.of("GPU_WORKER_PORT", "x")))
        .hasMessageContaining("GPU_WORKER_PORT");
  }
}
