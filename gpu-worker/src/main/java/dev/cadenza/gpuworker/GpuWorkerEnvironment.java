package dev.cadenza.gpuworker;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reads a {@link GpuWorkerConfig} from environment variables, as the standalone worker ({@link
 * GpuWorkerMain}) and the embedding api do; every value is checked here, with the variable named
 * in the error.
 */
public final class GpuWorkerEnvironment {

  private GpuWorkerEnvironment() {}

  /**
   * Reads {@code GPU_WORKER_PORT}, {@code GPU_WORKER_ID}, {@code GPU_WORKER_SLOTS} (e.g.
   * "text=4,audio=2,image=2"), {@code GPU_WORKER_RETENTION_SECONDS}, {@code
   * GPU_WORKER_SIMULATED_SECONDS} (fractional seconds for every model, per model as in
   * "audio=2,image=0.5", or both: "0.2,audio=2") and {@code GPU_WORKER_SIMULATED_JITTER} (0..1);
   * unset or blank means default.
   *
   * <p>Real model servers: {@code GPU_WORKER_TEXT_BACKEND} ({@code builtin}, the default, or
   * {@code openai}) with {@code OPENAI_BASE_URL} (default {@code https://api.openai.com/v1}),
   * {@code OPENAI_API_KEY} (optional), {@code OPENAI_MODEL} (required with {@code openai}) and
   * {@code OPENAI_TIMEOUT_SECONDS} (default 60); {@code GPU_WORKER_COG_AUDIO_URL} and {@code
   * GPU_WORKER_COG_IMAGE_URL} (that model is served by the Cog server at the URL) with {@code
   * GPU_WORKER_COG_TIMEOUT_SECONDS} (default 600). The {@code OPENAI_*} variables are ignored
   * with the built-in text backend.
   *
   * @throws IllegalArgumentException naming the variable when a value does not parse
   */
  public static GpuWorkerConfig read(Map<String, String> env) {
    GpuWorkerConfigBuilder builder = GpuWorkerConfig.builder();
    value(env, "GPU_WORKER_PORT", v -> builder.port(Integer.parseInt(v)));
    value(env, "GPU_WORKER_ID", builder::workerId);
    value(env, "GPU_WORKER_SLOTS", v -> builder.slots(parseSlots(v)));
    value(
        env,
        "GPU_WORKER_RETENTION_SECONDS",
        v -> builder.retention(Duration.ofSeconds(Long.parseLong(v))));
    value(env, "GPU_WORKER_SIMULATED_SECONDS", v -> parseSimulatedSeconds(v, builder));
    value(
        env,
        "GPU_WORKER_SIMULATED_JITTER",
        v -> builder.simulatedJitter(
            new SimulatedModelTime(Duration.ZERO, Double.parseDouble(v)).jitter()));
    ModelServers.TextBackend[] backend = {ModelServers.TextBackend.BUILTIN};
    value(env, "GPU_WORKER_TEXT_BACKEND", v -> backend[0] = ModelServers.TextBackend.parse(v));
    if (backend[0] == ModelServers.TextBackend.OPENAI) {
      builder.openAi(openAiFromEnvironment(env));
    }
    value(
        env, "GPU_WORKER_COG_AUDIO_URL", v -> builder.cogServer("audio", ModelServers.httpUrl(v)));
    value(
        env, "GPU_WORKER_COG_IMAGE_URL", v -> builder.cogServer("image", ModelServers.httpUrl(v)));
    value(
        env,
        "GPU_WORKER_COG_TIMEOUT_SECONDS",
        v -> builder.cogTimeout(Duration.ofSeconds(positive(Long.parseLong(v)))));
    return builder.build();
  }

  private static ModelServers.OpenAi openAiFromEnvironment(Map<String, String> env) {
    URI[] baseUrl = {ModelServers.OpenAi.DEFAULT_BASE_URL};
    String[] model = {null};
    Duration[] timeout = {ModelServers.OpenAi.DEFAULT_TIMEOUT};
    value(env, "OPENAI_BASE_URL", v -> baseUrl[0] = ModelServers.httpUrl(v));
    value(env, "OPENAI_MODEL", v -> model[0] = v);
    value(
        env,
        "OPENAI_TIMEOUT_SECONDS",
        v -> timeout[0] = Duration.ofSeconds(positive(Long.parseLong(v))));
    if (model[0] == null) {
      throw new IllegalArgumentException(
          "OPENAI_MODEL is required when GPU_WORKER_TEXT_BACKEND=openai");
    }
    String apiKey = env.get("OPENAI_API_KEY");
    return new ModelServers.OpenAi(baseUrl[0], apiKey, model[0], timeout[0]);
  }

  private static long positive(long n) {
    if (n <= 0) {
      throw new IllegalArgumentException("must be > 0");
    }
    return n;
  }

  /** Parses "text=4,audio=2" into a map. */
  static Map<String, Integer> parseSlots(String spec) {
    Map<String, Integer> slots = new TreeMap<>();
    for (String entry : spec.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      String[] parts = entry.split("=", 2);
      if (parts.length != 2 || parts[0].isBlank()) {
        throw new IllegalArgumentException("expected model=count, was \"" + entry.trim() + "\"");
      }
      slots.put(parts[0].trim(), Integer.parseInt(parts[1].trim()));
    }
    return slots;
  }

  /** "1.5" (every model), "audio=2,image=0.5" (per model) or "0.2,audio=2" (both). */
  private static void parseSimulatedSeconds(String spec, GpuWorkerConfigBuilder builder) {
    for (String entry : spec.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      String[] parts = entry.split("=", 2);
      if (parts.length == 1) {
        builder.simulatedModelTime(seconds(parts[0]));
      } else if (parts[0].isBlank()) {
        throw new IllegalArgumentException("expected model=seconds, was \"" + entry.trim() + "\"");
      } else {
        builder.simulatedModelTime(parts[0].trim(), seconds(parts[1]));
      }
    }
  }

  private static Duration seconds(String text) {
    return Duration.ofMillis(Math.round(Double.parseDouble(text.trim()) * 1000));
  }

  private static void value(Map<String, String> env, String name, Consumer<String> apply) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return;
    }
    try {
      apply.accept(value.trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          name + "=\"" + value + "\" is invalid: " + e.getMessage(), e);
    }
  }
}
