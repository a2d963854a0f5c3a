package dev.cadenza.workflows.song;

/** Input of {@link SongGenerationWorkflow}: who asks, what it costs, and what they want. */
public record SongRequest(String generationId, String userId, long cost, SongInput input) {

  /**
   * One line for operators (Temporal memo): type, length, mode and cost. Never user content: no
   * description, prompt or lyrics.
   */
  public String summary() {
    String mode = input.instrumental()
        ? "instrumental"
        : input.description() != null
            ? "from a description"
            : input.lyrics() != null ? "own prompt and lyrics" : "own prompt, written lyrics";
    return "song, %d s, %s, %d credits".formatted(input.durationSeconds(), mode, cost);
  }
}
