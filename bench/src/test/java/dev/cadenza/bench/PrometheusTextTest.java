package dev.cadenza.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  @Test
  void readsNamesLabelsAndValues() {
    String text = """
        # HELP cadenza_gpu_slots Slots configured
        # TYPE cadenza_gpu_slots gauge
        cadenza_gpu_slots{model="audio",worker="embedded"} 2.0
        cadenza_gpu_seconds_total{model="text",worker="gpu-1"} 12.5
        jvm_threads_live 40
        cadenza_gpu_queue_depth NaN
        """;

    List<PrometheusText.Sample> samples = PrometheusText.parse(text, "cadenza_gpu_");

    assertThat(samples).hasSize(3);
    assertThat(samples.get(0).name()).isEqualTo("cadenza_gpu_slots");
    assertThat(samples.get(0).label("model")).isEqualTo("audio");
    assertThat(samples.get(1).value()).isEqualTo(12.5);
    assertThat(samples.get(1).label("worker")).isEqualTo("gpu-1");
    assertThat(samples.get(2).value()).isNaN();
  }
}
