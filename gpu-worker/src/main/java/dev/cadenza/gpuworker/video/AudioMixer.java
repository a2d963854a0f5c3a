package dev.cadenza.gpuworker.video;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The soundtrack: every audio clip resampled (linearly) to {@link #SAMPLE_RATE}, placed at its
 * start, cut at its duration and summed, then limited to 16-bit stereo without wrapping.
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

  /** Interleaved 16-bit little-endian stereo samples of the whole soundtrack. */
  ByteBuffer pcm16() {
    ByteBuffer pcm = ByteBuffer.allocate(left.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < left.length; i++) {
      pcm.putShort(clip(left[i]));
      pcm.putShort(clip(right[i]));
    }
    return pcm.flip();
  }

  private static short clip(float sample) {
    return (short) Math.round(Math.clamp(sample, -1f, 1f) * 32767);
  }
}
