package dev.cadenza.gpuworker.runner;

import java.util.Map;

/**
 * What a finished run returns besides its output files.
 *
 * @param text result text of text models (JSON for structured answers), empty for media models
 * @param metadata facts about the outputs, such as {@code durationSeconds} for audio
 */
public record RunResult(String text, Map<String, String> metadata) {

  public RunResult {
    text = text == null ? "" : text;
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  public static RunResult text(String text) {
    return new RunResult(text, Map.of());
  }

  public static RunResult media(Map<String, String> metadata) {
    return new RunResult("", metadata);
  }
}
