package dev.cadenza.workflows.song;

/**
 * What the user asked for. Exactly one mode is set: {@code description}; {@code prompt} with
 * {@code lyrics}; or {@code prompt} with {@code lyricsDescription} ({@code instrumental} songs
 * need no lyrics). The API validates and fills the defaults before a workflow starts.
 */
public record SongInput(
    String description,
    String prompt,
    String lyrics,
    String lyricsDescription,
    boolean instrumental,
    int durationSeconds,
    double guidanceScale,
    long seed) {

  /** What the LLM is told when it writes lyrics. */
  String lyricsBrief() {
    return lyricsDescription != null ? lyricsDescription : description;
  }
}
