package dev.cadenza.gpuworker.audio;

import dev.cadenza.gpuworker.music.MusicalKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes the band's part of a song as notes: a chord pad, a bass line and a drum pattern,
 * one chord per bar. The seed picks among a few bass and drum patterns so renditions differ.
 * After a one-bar intro (songs of four bars or more) the rhythm section comes in.
 */
final class Arranger {

  // Bass patterns over a bar's 8 eighths: scale-degree offsets from the chord root, or null
  // for no note.
  private static final Integer[][] BASS_PATTERNS = {
    {0, null, null, null, 0, null, null, null},
    {0, null, null, 0, 4, null, 0, null},
    {0, null, 0, null, 0, null, 4, 7},
  };
  private static final int[][] EXTRA_KICKS = {{}, {3}, {5}, {7}};

  private final SongPlan plan;
  private final int rate;
  private final int totalSamples;
  private final Random random;
  private final List<Note> notes = new ArrayList<>();

  Arranger(SongPlan plan, int rate, int totalSamples, Random random) {
    this.plan = plan;
    this.rate = rate;
    this.totalSamples = totalSamples;
    this.random = random;
  }

  /** Bar index where drums, bass and vocals come in. */
  static int introBars(int bars) {
    return bars >= 4 ? 1 : 0;
  }

  List<Note> arrange() {
    double eighth = plan.beatSamples(rate) / 2;
    int bars = (int) Math.ceil(totalSamples / (8 * eighth));
    Integer[] bassPattern = BASS_PATTERNS[random.nextInt(BASS_PATTERNS.length)];
    int[] extraKicks = EXTRA_KICKS[random.nextInt(EXTRA_KICKS.length)];
    for (int bar = 0; bar < bars; bar++) {
      int chord = plan.chordOf(bar);
      double barStart = bar * 8 * eighth;
      for (int tone : new int[] {0, 2, 4}) {
        // The pad rings a little past the bar line so chord changes overlap, not gap.
        int midi = plan.key().midiOf(chord + tone, 52);
        add(Voice.PAD, barStart, 8 * eighth + 0.1 * rate, midi, 0.13);
      }
      if (bar < introBars(bars)) {
        continue;
      }
      for (int step = 0; step < 8; step++) {
        double at = barStart + step * eighth;
        if (bassPattern[step] != null) {
          int midi = plan.key().midiOf(chord + bassPattern[step], 33);
          add(Voice.BASS, at, 1.8 * eighth, midi, 0.5);
        }
        if (step == 0 || step == 4 || contains(extraKicks, step)) {
          addDrum(Voice.KICK, at, 0.3, 0.9);
        }
        if (step == 2 || step == 6) {
          addDrum(Voice.SNARE, at, 0.25, 0.45);
        }
        addDrum(Voice.HAT, at, 0.06, step % 2 == 0 ? 0.2 : 0.12);
      }
    }
    return notes;
  }

  private void add(Voice voice, double start, double length, int midi, double gain) {
    addNote(voice, start, length, MusicalKey.frequency(midi), gain);
  }

  private void addDrum(Voice voice, double start, double seconds, double gain) {
    addNote(voice, start, seconds * rate, 0, gain);
  }

  private void addNote(Voice voice, double start, double length, double frequency, double gain) {
    int first = (int) Math.round(start);
    if (first < totalSamples) {
      int samples = (int) Math.min(Math.round(length), (long) totalSamples - first);
      notes.add(new Note(voice, first, samples, frequency, gain));
    }
  }

  private static boolean contains(int[] values, int value) {
    for (int v : values) {
      if (v == value) {
        return true;
      }
    }
    return false;
  }
}
