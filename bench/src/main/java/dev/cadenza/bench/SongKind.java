package dev.cadenza.bench;

import dev.cadenza.workflows.generation.GenerationType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Songs in their input modes. The step graph (SongGenerationWorkflowImpl): prompt, then lyrics
 * (each an LLM job unless given), then audio and cover in parallel with categorize (two LLM jobs
 * in a row: title, categories). GPU job ids are {@code <workflowId>:<ActivityType>[:suffix]}
 * (ActivityJobRunner), which is how the draw of each job's simulated time is reproduced here.
 */
enum SongKind implements GenerationKind {
  /** {@code description}: the LLM writes prompt and lyrics (every step runs). */
  DESCRIPTION("song", true, true),
  /** The user's own prompt and lyrics: only the GPU media steps and categorize use models. */
  OWN_LYRICS("song-lyrics", false, false),
  /** {@code description} with {@code instrumental}: the LLM writes the prompt only. */
  INSTRUMENTAL("song-instrumental", true, false);

  private final String id;
  private final boolean writesPrompt;
  private final boolean writesLyrics;

  SongKind(String id, boolean writesPrompt, boolean writesLyrics) {
    this.id = id;
    this.writesPrompt = writesPrompt;
    this.writesLyrics = writesLyrics;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public GenerationType type() {
    return GenerationType.SONG;
  }

  @Override
  public Map<String, Object> input(long seed, int durationSeconds) {
    Map<String, Object> input = new LinkedHashMap<>();
    if (writesPrompt) {
      input.put("description", "a calm lo-fi song about rain on a window, take " + seed);
    } else {
      input.put("prompt", "lo-fi, rain, piano, 75 bpm, A minor");
      input.put("lyrics", "[Verse]\nrain on the window, take " + seed + "\n[Chorus]\nstay");
    }
    if (this == INSTRUMENTAL) {
      input.put("instrumental", true);
    }
    input.put("durationSeconds", durationSeconds);
    input.put("seed", seed);
    return input;
  }

  @Override
  public Optional<Duration> criticalModelTime(String workflowId, ModelTimes times) {
    Duration path = Duration.ZERO;
    if (writesPrompt) {
      path = path.plus(times.of("text", workflowId + ":WritePrompt"));
    }
    if (writesLyrics) {
      path = path.plus(times.of("text", workflowId + ":WriteLyrics"));
    }
    Duration audio = times.of("audio", workflowId + ":GenerateAudio");
    Duration cover = times.of("image", workflowId + ":GenerateCover");
    Duration categorize = times
        .of("text", workflowId + ":Categorize:title")
        .plus(times.of("text", workflowId + ":Categorize:categories"));
    return Optional.of(path.plus(max(audio, max(cover, categorize))));
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
