package dev.cadenza.workflows.song;

import dev.cadenza.workflows.generation.GenerationRequest;
import dev.cadenza.workflows.visibility.OperatorSummary;

/**
 * Input of {@link SongGenerationWorkflow}: who asks, what it costs, and what they want. {@code
 * maxConcurrent} is the user's concurrency limit when it was submitted (their lane's size).
 */
public record SongRequest(
    String generationId, String userId, long cost, SongInput input, int maxConcurrent)
    implements GenerationRequest, OperatorSummary {

  /**
   * One line for operators (Temporal memo): type, length, mode and cost. Never user content: no
   * description, prompt or lyrics.
   */
  @Override
  public String summary() {
    String mode = input.instrumental()
        ? "instrumental"
        : input.description() != null
            ? "from a description"
            : input.lyrics() != null ? "own prompt and lyrics" : "own prompt, written lyrics";
    return "song, %d s, %s, %d credits".formatted(input.durationSeconds(), mode, cost);
  }
}
