package dev.cadenza.gpuworker.audio;

import dev.cadenza.gpuworker.music.MusicalKey;
import dev.cadenza.gpuworker.music.Tempo;
import dev.cadenza.gpuworker.music.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The musical decisions for one rendition: tempo, key and chord progression, read from the
 * prompt where it says so and otherwise derived from its mood words and the seed.
 *
 * @param progression scale degrees (0 = tonic) of the chords, one per bar, repeating
 */
record SongPlan(int bpm, MusicalKey key, int[] progression) {

  private static final int[][] MAJOR_PROGRESSIONS = {{0, 4, 5, 3}, {0, 5, 3, 4}, {0, 3, 4, 3}};
  private static final int[][] MINOR_PROGRESSIONS = {{0, 5, 2, 6}, {0, 3, 5, 4}, {0, 6, 5, 6}};

  static SongPlan of(String prompt, Random random) {
    List<String> words = new ArrayList<>(Vocabulary.find(prompt, Vocabulary.GENRES));
    words.addAll(Vocabulary.moods(prompt));
    int bpm = Tempo.parse(prompt).orElse(Tempo.suggest(words, random.nextInt(1000)));
    MusicalKey key = MusicalKey.parse(prompt)
        .orElse(new MusicalKey(random.nextInt(12), Vocabulary.anyIn(words, Vocabulary.MINOR)));
    int[][] choices = key.minor() ? MINOR_PROGRESSIONS : MAJOR_PROGRESSIONS;
    return new SongPlan(bpm, key, choices[random.nextInt(choices.length)]);
  }

  /** Samples per beat at {@code sampleRate}. */
  double beatSamples(int sampleRate) {
    return sampleRate * 60.0 / bpm;
  }

  /** Chord degree of bar {@code bar}. */
  int chordOf(int bar) {
    return progression[bar % progression.length];
  }
}
