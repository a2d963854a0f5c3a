package dev.cadenza.gpuworker;

import dev.cadenza.gpuworker.audio.AudioRunner;
import dev.cadenza.gpuworker.cog.CogPredictionRunner;
import dev.cadenza.gpuworker.image.ImageRunner;
import dev.cadenza.gpuworker.mesh.MeshRunner;
import dev.cadenza.gpuworker.runner.ModelRunner;
import dev.cadenza.gpuworker.text.OpenAiChatTextRunner;
import dev.cadenza.gpuworker.text.TextRunner;
import dev.cadenza.gpuworker.video.VideoRunner;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runners of a worker, from its {@link GpuWorkerConfig#modelServers()}: for each of {@code
 * text}, {@code audio} and {@code image} the real model server when one is configured, else
 * the built-in runner; {@code mesh} and {@code video} are built in.
 *
 * <ul>
 *   <li>{@code text}: {@link OpenAiChatTextRunner} with an OpenAI-compatible endpoint.
 *   <li>{@code audio}: {@link CogPredictionRunner} emitting {@code audio.wav} ({@code
 *       audio/wav}), inputs checked as for the built-in model.
 *   <li>{@code image}: {@link CogPredictionRunner} emitting {@code cover.png} ({@code
 *       image/png}), inputs checked as for the built-in model.
 *   <li>{@code mesh} and {@code video}: always the built-in {@link MeshRunner} and {@link
 *       VideoRunner} (they read input files, which the Cog adapter does not pass on).
 * </ul>
 */
public final class RunnerCatalog {

  private static final Logger log = LoggerFactory.getLogger(RunnerCatalog.class);

  private RunnerCatalog() {}

  public static List<ModelRunner> fromConfig(GpuWorkerConfig config) {
    ModelServers servers = config.modelServers();
    ModelRunner text = servers
        .openAi()
        .<ModelRunner>map(openAi -> {
          log.info(
              "model text: OpenAI-compatible chat endpoint {}, model {}",
              openAi.baseUrl(),
              openAi.model());
          return new OpenAiChatTextRunner(
              openAi.baseUrl(), openAi.apiKey(), openAi.model(), openAi.timeout());
        })
        .orElseGet(TextRunner::new);
    ModelRunner audio = cogOr(servers, new AudioRunner(), "audio.wav", "audio/wav");
    ModelRunner image = cogOr(servers, new ImageRunner(), "cover.png", "image/png");
    return List.of(text, audio, image, new MeshRunner(), new VideoRunner());
  }

  /** The Cog server configured for the built-in runner's model, or that runner. */
  private static ModelRunner cogOr(
      ModelServers servers, ModelRunner builtIn, String outputName, String contentType) {
    URI url = servers.cog().get(builtIn.model());
    if (url == null) {
      return builtIn;
    }
    log.info("model {}: Cog server {}", builtIn.model(), url);
    return CogPredictionRunner.builder(builtIn.model(), url, outputName, contentType)
        // Same contract as the built-in model: bad requests fail before taking a slot.
        .validator(builtIn::validate)
        .timeout(servers.cogTimeout())
        .build();
  }
}
