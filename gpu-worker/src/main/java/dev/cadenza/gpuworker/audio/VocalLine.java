package dev.cadenza.gpuworker.audio;

import dev.cadenza.gpuworker.music.MusicalKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Turns lyrics into a sung melody: one note per syllable (an eighth, longer at the end of a
 * line), each lyric line starting on a bar line. The melody walks the scale in small seeded
 * steps and lands on a chord tone on every beat, which keeps it consonant with the pad. When
 * the lyrics run out before the song does, they are sung again after a bar's rest.
 */
final class VocalLine {

  private static final int[] STEPS = {-2, -1, -1, 0, 1, 1, 2};
  private static final int LOWEST_DEGREE = -2;
  private static final int HIGHEST_DEGREE = 9;

  private VocalLine() {}

  static List<Note> sing(String lyrics, SongPlan plan, int rate, int totalSamples, Random random) {
    List<Integer> lines = syllablesPerLine(lyrics);
    List<Note> notes = new ArrayList<>();
    if (lines.isEmpty()) {
      return notes;
    }
    double eighth = plan.beatSamples(rate) / 2;
    int totalEighths = (int) (totalSamples / eighth);
    int bars = (int) Math.ceil(totalEighths / 8.0);
    int position = Arranger.introBars(bars) * 8;
    int degree = 0;
    for (int line = 0; position < totalEighths; line = (line + 1) % lines.size()) {
      if (line == 0 && !notes.isEmpty()) {
        position += 8; // a bar's breath before the lyrics start over
      }
      int syllables = lines.get(line);
      for (int s = 0; s < syllables && position < totalEighths; s++) {
        boolean onBeat = position % 2 == 0;
        int step = STEPS[random.nextInt(STEPS.length)];
        degree = Math.clamp(degree + step, LOWEST_DEGREE, HIGHEST_DEGREE);
        if (onBeat || s == 0) {
          degree = nearestChordTone(degree, plan.chordOf(position / 8));
        }
        int length = s == syllables - 1 || random.nextInt(5) == 0 ? 2 : 1;
        int start = (int) Math.round(position * eighth);
        if (start < totalSamples) {
          int samples = (int) Math.min(Math.round(length * eighth * 0.92), totalSamples - start);
          double frequency = MusicalKey.frequency(plan.key().midiOf(degree, 57));
          notes.add(new Note(Voice.VOCAL, start, samples, frequency, 0.3));
        }
        position += length;
      }
      position = (position + 7) / 8 * 8; // next line on the next bar line
    }
    return notes;
  }

  /** The syllable count of each lyric line; section tags and blank lines skipped. */
  private static List<Integer> syllablesPerLine(String lyrics) {
    List<Integer> lines = new ArrayList<>();
    for (String line : lyrics.split("\\R")) {
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("[") || text.startsWith("(")) {
        continue;
      }
      int syllables =
          Arrays.stream(text.split("\\s+")).mapToInt(Syllables::count).sum();
      if (syllables > 0) {
        lines.add(syllables);
      }
    }
    return lines;
  }

  /** The chord tone (root, third or fifth of {@code chord}) closest to {@code degree}. */
  private static int nearestChordTone(int degree, int chord) {
    int best = degree;
    int bestDistance = Integer.MAX_VALUE;
    for (int candidate = LOWEST_DEGREE; candidate <= HIGHEST_DEGREE; candidate++) {
      int relative = Math.floorMod(candidate - chord, 7);
      boolean chordTone = relative == 0 || relative == 2 || relative == 4;
      int distance = Math.abs(candidate - degree);
      if (chordTone && distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }
}
