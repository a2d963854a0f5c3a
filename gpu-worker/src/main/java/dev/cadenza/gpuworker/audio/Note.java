package dev.cadenza.gpuworker.audio;

/**
 * One sound in the arrangement.
 *
 * @param start first sample
 * @param length in samples
 * @param frequency in Hz (ignored by unpitched drums)
 * @param gain linear amplitude before the final normalization
 */
record Note(Voice voice, int start, int length, double frequency, double gain) {

  int end() {
    return start + length;
  }
}
