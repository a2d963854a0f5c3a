package dev.cadenza.gpuworker.video;

import dev.cadenza.gpuworker.media.MediaFacts;
import dev.cadenza.gpuworker.runner.ModelFailureException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Decoded WAV audio as stereo floats in -1..1 at its own sample rate. Reads PCM (8, 16, 24 and
 * 32 bit) and 32-bit float, mono or multichannel (the first two channels are kept).
 */
record PcmAudio(int sampleRate, float[] left, float[] right) {

  static PcmAudio decode(byte[] bytes, String what) {
    ByteBuffer wav = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 12 || !tag(wav, 0).equals("RIFF") || !tag(wav, 8).equals("WAVE")) {
      throw invalid(what, "is not a WAV file (it looks like " + MediaFacts.sniff(bytes) + ")");
    }
    int position = 12;
    int format = -1;
    int channels = 0;
    int rate = 0;
    int bits = 0;
    while (position + 8 <= bytes.length) {
      String chunk = tag(wav, position);
      long size = Integer.toUnsignedLong(wav.getInt(position + 4));
      int body = position + 8;
      if (chunk.equals("fmt ") && size >= 16 && body + 16 <= bytes.length) {
        format = Short.toUnsignedInt(wav.getShort(body));
        channels = Short.toUnsignedInt(wav.getShort(body + 2));
        rate = wav.getInt(body + 4);
        bits = Short.toUnsignedInt(wav.getShort(body + 14));
        if (format == 0xFFFE && size >= 26 && body + 26 <= bytes.length) {
          format = Short.toUnsignedInt(wav.getShort(body + 24)); // the sub-format's tag
        }
      } else if (chunk.equals("data")) {
        if (channels <= 0 || rate <= 0 || rate > 384_000) {
          throw invalid(what, "has no usable format chunk before its data");
        }
        int length = (int) Math.min(size, bytes.length - body);
        return samples(wav, body, length, format, channels, rate, bits, what);
      }
      position = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1));
    }
    throw invalid(what, "has no data chunk");
  }

  int frames() {
    return left.length;
  }

  private static PcmAudio samples(
      ByteBuffer wav,
      int offset,
      int length,
      int format,
      int channels,
      int rate,
      int bits,
      String what) {
    boolean pcm = format == 1 && (bits == 8 || bits == 16 || bits == 24 || bits == 32);
    boolean floats = format == 3 && bits == 32;
    if (!pcm && !floats) {
      throw invalid(
          what,
          "uses an unsupported encoding (format " + format + ", " + bits
              + " bits); use PCM or 32-bit float WAV");
    }
    int bytesPerSample = bits / 8;
    int frames = length / (bytesPerSample * channels);
    float[] left = new float[frames];
    float[] right = new float[frames];
    for (int f = 0; f < frames; f++) {
      int at = offset + f * bytesPerSample * channels;
      left[f] = sample(wav, at, bits, floats);
      right[f] = channels > 1 ? sample(wav, at + bytesPerSample, bits, floats) : left[f];
    }
    return new PcmAudio(rate, left, right);
  }

  private static float sample(ByteBuffer wav, int at, int bits, boolean floats) {
    if (floats) {
      return wav.getFloat(at);
    }
    return switch (bits) {
      case 8 -> ((wav.get(at) & 0xFF) - 128) / 128f;
      case 16 -> wav.getShort(at) / 32768f;
      case 24 ->
        ((wav.get(at) & 0xFF) | ((wav.get(at + 1) & 0xFF) << 8) | (wav.get(at + 2) << 16))
            / 8388608f;
      default -> wav.getInt(at) / 2147483648f;
    };
  }

  private static String tag(ByteBuffer wav, int at) {
    byte[] tag = new byte[4];
    wav.get(at, tag);
    return new String(tag, StandardCharsets.US_ASCII);
  }

  private static ModelFailureException invalid(String what, String problem) {
    return ModelFailureException.invalidInput(what + " " + problem);
  }
}
