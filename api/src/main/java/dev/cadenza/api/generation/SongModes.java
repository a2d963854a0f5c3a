package dev.cadenza.api.generation;

import dev.cadenza.api.generation.input.SongInput;
import dev.cadenza.api.problem.FieldProblem;

/**
 * The modes of a song input (API.md): {@code description}; {@code prompt} with {@code lyrics} or
 * {@code lyricsDescription}; or {@code prompt} alone for an instrumental. Checked on the input as
 * it will run, after a remix filled in its parent's fields.
 */
final class SongModes {

  /** The problem of a song input's mode; null when it has exactly one. */
  static FieldProblem problem(SongInput song) {
    boolean lyrics = song.lyrics() != null;
    boolean brief = song.lyricsDescription() != null;
    if (song.description() != null) {
      return song.prompt() != null || lyrics || brief
          ? new FieldProblem(
              "input",
              "give either description, or prompt with lyrics or lyricsDescription, not both")
          : null;
    }
    if (song.prompt() == null) {
      return new FieldProblem("input", "one of description or prompt is required");
    }
    if (lyrics && brief) {
      return new FieldProblem("input", "give lyrics or lyricsDescription, not both");
    }
    if (song.instrumentalSong() && (lyrics || brief)) {
      return new FieldProblem("input.instrumental", "an instrumental song has no lyrics");
    }
    if (!song.instrumentalSong() && !lyrics && !brief) {
      return new FieldProblem(
          "input", "with prompt, give lyrics or lyricsDescription (or instrumental: true)");
    }
    return null;
  }

  private SongModes() {}
}
