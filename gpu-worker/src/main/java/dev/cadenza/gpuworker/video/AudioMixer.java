package dev.cadenza.gpuworker.video;

/**
 * The soundtrack: every audio clip resampled (linearly) to {@link #SAMPLE_RATE}, placed at its
 * start, cut at its duration and summed, then limited to -1..1 (clipped, never wrapped).
 */
final class AudioMixer {

  static final int SAMPLE_RATE = 44_100;

  private final float[] left;
  private final float[] right;

  AudioMixer(double seconds) {
    int frames = (int) Math.round(seconds * SAMPLE_RATE);
    left = new float[frames];
    right = new float[frames];
  }

  void add(PcmAudio audio, double start, double duration) {
    int from = (int) Math.round(start * SAMPLE_RATE);
    int to = (int) Math.min(left.length, Math.round((start + duration) * SAMPLE_RATE));
    double step = (double) audio.sampleRate() / SAMPLE_RATE;
    for (int out = Math.max(0, from); out < to; out++) {
      double position = (out - from) * step;
      int index = (int) position;
      if (index >= audio.frames()) {
        break;
      }
      float weight = (float) (position - index);
      int next = Math.min(index + 1, audio.frames() - 1);
      left[out] += audio.left()[index] * (1 - weight) + audio.left()[next] * weight;
      right[out] += audio.right()[index] * (1 - weight) + audio.right()[next] * weight;
    }
  }

  /** The whole soundtrack, each sample limited to -1..1. */
  PcmAudio stereo() {
    float[] l = new float[left.length];
    float[] r = new float[right.length];
    for (int i = 0; i < l.length; i++) {
      l[i] = Math.clamp(left[i], -1f, 1f);
      r[i] = Math.clamp(right[i], -1f, 1f);
    }
    return new PcmAudio(SAMPLE_RATE, l, r);
  }
}
