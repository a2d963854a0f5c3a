package dev.cadenza.gpuworker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** A WAV file read back chunk by chunk, the way a player would, failing on a bad header. */
record ParsedWav(int channels, int sampleRate, int bitsPerSample, short[] samples) {

  static ParsedWav parse(byte[] bytes) {
    ByteBuffer wav = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(tag(wav)).isEqualTo("RIFF");
    assertThat(wav.getInt()).as("RIFF size").isEqualTo(bytes.length - 8);
    assertThat(tag(wav)).isEqualTo("WAVE");
    int channels = 0;
    int rate = 0;
    int bits = 0;
    while (wav.remaining() >= 8) {
      String chunk = tag(wav);
      int size = wav.getInt();
      if (chunk.equals("fmt ")) {
        assertThat(wav.getShort()).as("format PCM").isEqualTo((short) 1);
        channels = wav.getShort();
        rate = wav.getInt();
        wav.position(wav.position() + 6); // byte rate, block align
        bits = wav.getShort();
        wav.position(wav.position() + size - 16);
      } else if (chunk.equals("data")) {
        assertThat(rate).as("fmt before data").isPositive();
        assertThat(size).as("data size").isEqualTo(wav.remaining());
        short[] samples = new short[size / 2];
        wav.asShortBuffer().get(samples);
        return new ParsedWav(channels, rate, bits, samples);
      } else {
        wav.position(wav.position() + size);
      }
    }
    throw new AssertionError("no data chunk");
  }

  /** Root mean square on a 0..1 scale. */
  double rms() {
    double sum = 0;
    for (short s : samples) {
      sum += (double) s * s;
    }
    return Math.sqrt(sum / samples.length) / Short.MAX_VALUE;
  }

  int peak() {
    int peak = 0;
    for (short s : samples) {
      peak = Math.max(peak, Math.abs(s));
    }
    return peak;
  }

  private static String tag(ByteBuffer wav) {
    byte[] tag = new byte[4];
    wav.get(tag);
    return new String(tag, StandardCharsets.US_ASCII);
  }
}
