package dev.cadenza.gpuworker.audio;

/**
 * Wavetables, integer phases and stateless noise.
 *
 * <p>A phase is a 32-bit fraction of a cycle that wraps around by itself; a tone's phase at
 * sample {@code t} of a note is exactly {@code increment * t} (int arithmetic is exact modulo
 * 2^32), so a note rendered in several spans sounds exactly as if rendered at once, and the next
 * sample's phase is one addition away. The top bits index a table. Each instrument's harmonics
 * are summed into one table, once: one lookup per sample instead of one {@link Math#sin} (or one
 * lookup) per harmonic. The table's error (about -60 dB) is far below anything audible in this
 * mix.
 */
final class Oscillator {

  private static final int BITS = 13;
  private static final int SIZE = 1 << BITS;
  private static final int SHIFT = 32 - BITS;
  private static final double PHASE_UNITS = 0x1.0p32;

  /** sin(x). */
  static final float[] SINE = wave(1);

  /** Pad: fundamental and octave. */
  static final float[] PAD = wave(1, 0.4);

  /** Bass: fundamental and a little octave. */
  static final float[] BASS = wave(1, 0.35);

  /** Voice-like: four harmonics falling off by about half each. */
  static final float[] VOCAL = wave(1, 0.5, 0.25, 0.12);

  private Oscillator() {}

  /** One cycle of sum of {@code amplitudes[k] * sin((k + 1) x)}. */
  private static float[] wave(double... amplitudes) {
    float[] table = new float[SIZE];
    for (int i = 0; i < SIZE; i++) {
      double sum = 0;
      for (int k = 0; k < amplitudes.length; k++) {
        sum += amplitudes[k] * Math.sin(2 * Math.PI * (k + 1) * i / SIZE);
      }
      table[i] = (float) sum;
    }
    return table;
  }

  /** The phase advance per sample of a tone of {@code frequency} Hz. */
  static int increment(double frequency, int rate) {
    return (int) Math.round(frequency / rate * PHASE_UNITS);
  }

  /** The phase of a fraction of a cycle given as a double ({@code cycles} mod 1). */
  static int phase(double cycles) {
    return (int) (long) (cycles * PHASE_UNITS);
  }

  /** The value of {@code table} at {@code phase}. */
  static float at(float[] table, int phase) {
    return table[phase >>> SHIFT];
  }

  /**
   * White noise in [-1, 1) as a pure function of the sample index, so any chunk of a note
   * renders the same no matter where rendering started.
   */
  static double noise(long index, long salt) {
    long z = index * 0x9E3779B97F4A7C15L + salt;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return (z >>> 11) * 0x1.0p-52 - 1.0;
  }
}
