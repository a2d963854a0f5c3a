package dev.cadenza.gpuworker.audio;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Mixes notes into a mono buffer one second at a time (reporting progress after each second,
 * which is also where a cancel takes effect), then normalizes the mix to just below full
 * scale so the result is loud but never clips.
 */
final class Synthesizer {

  private static final float PEAK = 0.89f; // about -1 dBFS
  private static final double FADE_SECONDS = 0.05;

  private Synthesizer() {}

  /**
   * @param percentDone told the percentage after each rendered second; may throw to stop
   */
  static float[] render(List<Note> notes, int totalSamples, int rate, IntConsumer percentDone) {
    float[] song = new float[totalSamples];
    float[] scratch = new float[rate]; // a note's attack or release within one chunk
    List<Note> pending = new ArrayList<>(notes);
    pending.sort(Comparator.comparingInt(Note::start));
    List<Note> sounding = new ArrayList<>();
    int next = 0;
    for (int from = 0; from < totalSamples; from += rate) {
      int to = Math.min(totalSamples, from + rate);
      while (next < pending.size() && pending.get(next).start() < to) {
        sounding.add(pending.get(next++));
      }
      for (Note note : sounding) {
        int start = Math.max(from, note.start());
        int end = Math.min(to, note.end());
        if (start < end) {
          note.voice().render(note, song, start, end, rate, scratch);
        }
      }
      int renderedTo = to;
      sounding.removeIf(note -> note.end() <= renderedTo);
      percentDone.accept((int) ((long) to * 100 / totalSamples));
    }
    normalize(song);
    fadeEdges(song, (int) (FADE_SECONDS * rate));
    return song;
  }

  private static void normalize(float[] song) {
    float peak = 0;
    for (float sample : song) {
      peak = Math.max(peak, Math.abs(sample));
    }
    if (peak > 0) {
      float scale = PEAK / peak;
      for (int i = 0; i < song.length; i++) {
        song[i] *= scale;
      }
    }
  }

  /** Short fades so the file does not start or end with a click. */
  private static void fadeEdges(float[] song, int fadeSamples) {
    int fade = Math.min(fadeSamples, song.length / 2);
    for (int i = 0; i < fade; i++) {
      float gain = (float) i / fade;
      song[i] *= gain;
      song[song.length - 1 - i] *= gain;
    }
  }
}
