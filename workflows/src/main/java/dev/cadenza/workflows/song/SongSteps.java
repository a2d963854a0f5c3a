package dev.cadenza.workflows.song;

import dev.cadenza.workflows.generation.GenerationSteps;
import java.util.List;

/** Step names of a song, in the order the user sees them. Names match the activity methods. */
final class SongSteps {
  static final String RESERVE = GenerationSteps.RESERVE;
  static final String WRITE_PROMPT = "writePrompt";
  static final String WRITE_LYRICS = "writeLyrics";
  static final String GENERATE_AUDIO = "generateAudio";
  static final String GENERATE_COVER = "generateCover";
  static final String CATEGORIZE = "categorize";
  static final String STORE = GenerationSteps.STORE;
  static final String CAPTURE = GenerationSteps.CAPTURE;
  static final String PUBLISH = GenerationSteps.PUBLISH;

  static final List<String> ALL = List.of(
      RESERVE,
      WRITE_PROMPT,
      WRITE_LYRICS,
      GENERATE_AUDIO,
      GENERATE_COVER,
      CATEGORIZE,
      STORE,
      CAPTURE,
      PUBLISH);

  private SongSteps() {}
}
