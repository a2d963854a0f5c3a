package dev.cadenza.gpuworker.audio;

/**
 * Table-based waveforms and stateless noise. A table lookup instead of {@link Math#sin} is
 * what lets four minutes of music render in a fraction of a second; the table's error (about
 * -70 dB) is far below anything audible in this mix.
 */
final class Oscillator {

  private static final int SIZE = 1 << 13;
  private static final int MASK = SIZE - 1;
  private static final float[] SINE = new float[SIZE];

  static {
    for (int i = 0; i < SIZE; i++) {
      SINE[i] = (float) Math.sin(2 * Math.PI * i / SIZE);
    }
  }

  private Oscillator() {}

  /** sin(2 pi cycles). */
  static double sine(double cycles) {
    return SINE[(int) (long) (cycles * SIZE) & MASK];
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
