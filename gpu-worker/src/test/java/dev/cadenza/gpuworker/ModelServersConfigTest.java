package dev.cadenza.gpuworker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cadenza.gpuworker.audio.AudioRunner;
import dev.cadenza.gpuworker.cog.CogPredictionRunner;
import dev.cadenza.gpuworker.image.ImageRunner;
import dev.cadenza.gpuworker.runner.ModelRunner;
import dev.cadenza.gpuworker.text.OpenAiChatTextRunner;
import dev.cadenza.gpuworker.text.TextRunner;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real-model-server variables and the runners they give. */
class ModelServersConfigTest {

  private static Map<String, Class<?>> runnerTypes(GpuWorkerConfig config) {
    List<ModelRunner> runners = RunnerCatalog.fromConfig(config);
    return Map.of(
        runners.get(0).model(), runners.get(0).getClass(),
        runners.get(1).model(), runners.get(1).getClass(),
        runners.get(2).model(), runners.get(2).getClass());
  }

  @Test
  void builtInRunnersByDefault() {
    GpuWorkerConfig config = GpuWorkerEnvironment.read(Map.of());

    assertThat(config.modelServers().textBackend()).isEqualTo(ModelServers.TextBackend.BUILTIN);
    assertThat(config.modelServers().cog()).isEmpty();
    assertThat(runnerTypes(config))
        .containsEntry("text", TextRunner.class)
        .containsEntry("audio", AudioRunner.class)
        .containsEntry("image", ImageRunner.class);
    // The constructor embedders used before model servers existed still means "built-in".
    GpuWorkerConfig legacy =
        new GpuWorkerConfig(0, "w", Map.of(), Duration.ofSeconds(1), Duration.ZERO);
    assertThat(legacy.modelServers()).isEqualTo(ModelServers.builtIn());
  }

  @Test
  void openAiBackendFromTheEnvironment() {
    GpuWorkerConfig config = GpuWorkerEnvironment.read(Map.of(
        "GPU_WORKER_TEXT_BACKEND", "OpenAI",
        "OPENAI_BASE_URL", "http://localhost:11434/v1",
        "OPENAI_API_KEY", "sk-secret",
        "OPENAI_MODEL", "llama3.1:8b",
        "OPENAI_TIMEOUT_SECONDS", "90"));

    ModelServers.OpenAi openAi = config.modelServers().openAi().orElseThrow();
    assertThat(openAi.baseUrl()).isEqualTo(URI.create("http://localhost:11434/v1"));
    assertThat(openAi.apiKey()).isEqualTo("sk-secret");
    assertThat(openAi.model()).isEqualTo("llama3.1:8b");
    assertThat(openAi.timeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(config.toString()).doesNotContain("sk-secret");
    assertThat(runnerTypes(config)).containsEntry("text", OpenAiChatTextRunner.class);
  }

  @Test
  void openAiDefaultsAndRequirements() {
    ModelServers.OpenAi openAi = GpuWorkerEnvironment.read(
            Map.of("GPU_WORKER_TEXT_BACKEND", "openai", "OPENAI_MODEL", "gpt-4o-mini"))
        .modelServers()
        .openAi()
        .orElseThrow();
    assertThat(openAi.baseUrl()).isEqualTo(URI.create("https://api.openai.com/v1"));
    assertThat(openAi.apiKey()).isNull();
    assertThat(openAi.timeout()).isEqualTo(Duration.ofSeconds(60));

    assertThatThrownBy(() -> GpuWorkerEnvironment.read(Map.of("GPU_WORKER_TEXT_BACKEND", "openai")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OPENAI_MODEL");
    assertThatThrownBy(() -> GpuWorkerEnvironment.read(Map.of("GPU_WORKER_TEXT_BACKEND", "vllm")))
        .hasMessageContaining("GPU_WORKER_TEXT_BACKEND");
    assertThatThrownBy(() -> GpuWorkerEnvironment.read(Map.of(
            "GPU_WORKER_TEXT_BACKEND",
            "openai",
            "OPENAI_MODEL",
            "m",
            "OPENAI_BASE_URL",
            "localhost:11434")))
        .hasMessageContaining("OPENAI_BASE_URL");
    assertThatThrownBy(() -> GpuWorkerEnvironment.read(Map.of(
            "GPU_WORKER_TEXT_BACKEND",
            "openai",
            "OPENAI_MODEL",
            "m",
            "OPENAI_TIMEOUT_SECONDS",
            "0")))
        .hasMessageContaining("OPENAI_TIMEOUT_SECONDS");
  }

  @Test
  void openAiVariablesAreIgnoredWithTheBuiltInBackend() {
    GpuWorkerConfig config =
        GpuWorkerEnvironment.read(Map.of("OPENAI_API_KEY", "sk-other-service"));

    assertThat(config.modelServers().openAi()).isEmpty();
  }

  @Test
  void cogServersFromTheEnvironment() {
    GpuWorkerConfig config = GpuWorkerEnvironment.read(Map.of(
        "GPU_WORKER_COG_AUDIO_URL", "http://musicgen:5000",
        "GPU_WORKER_COG_IMAGE_URL", "http://sdxl:5000/",
        "GPU_WORKER_COG_TIMEOUT_SECONDS", "1200"));

    assertThat(config.modelServers().cog())
        .containsEntry("audio", URI.create("http://musicgen:5000"))
        .containsEntry("image", URI.create("http://sdxl:5000/"));
    assertThat(config.modelServers().cogTimeout()).isEqualTo(Duration.ofSeconds(1200));
    assertThat(runnerTypes(config))
        .containsEntry("text", TextRunner.class)
        .containsEntry("audio", CogPredictionRunner.class)
        .containsEntry("image", CogPredictionRunner.class);

    assertThatThrownBy(
            () -> GpuWorkerEnvironment.read(Map.of("GPU_WORKER_COG_IMAGE_URL", "sdxl:5000")))
        .hasMessageContaining("GPU_WORKER_COG_IMAGE_URL");
  }

  @Test
  void onlyAudioAndImageCanGoToCog() {
    assertThatThrownBy(() -> GpuWorkerConfig.builder()
            .cogServer("text", URI.create("http://x:5000"))
            .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("text");
  }
}
