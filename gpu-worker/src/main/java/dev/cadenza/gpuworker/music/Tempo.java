package dev.cadenza.gpuworker.music;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tempo in beats per minute, as named in a prompt or suggested by its mood. */
public final class Tempo {

  public static final int MIN_BPM = 40;
  public static final int MAX_BPM = 220;
  private static final Pattern BPM =
      Pattern.compile("(?<!\\d)(\\d{2,3})\\s*bpm", Pattern.CASE_INSENSITIVE);

  private Tempo() {}

  /** The "NN bpm" written in the text, clamped to a playable range. */
  public static Optional<Integer> parse(String text) {
    Matcher m = BPM.matcher(text);
    return m.find()
        ? Optional.of(Math.clamp(Integer.parseInt(m.group(1)), MIN_BPM, MAX_BPM))
        : Optional.empty();
  }

  /**
   * A tempo for music described by {@code words} (genres and moods): slow words give 70-85
   * bpm, fast ones 120-140, anything else 90-110; {@code variation} picks within the range.
   */
  public static int suggest(List<String> words, long variation) {
    boolean slow = Vocabulary.anyIn(words, Vocabulary.SLOW);
    boolean fast = Vocabulary.anyIn(words, Vocabulary.FAST);
    int low = fast && !slow ? 120 : slow && !fast ? 70 : 90;
    int span = low == 70 ? 15 : 20;
    return low + (int) Math.floorMod(variation, (long) span + 1);
  }
}
