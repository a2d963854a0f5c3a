package dev.cadenza.gpuworker.audio;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Encodes samples as a canonical 44-byte-header RIFF/WAVE file, 16-bit PCM. */
public final class WavWriter {

  private static final int HEADER_BYTES = 44;

  private WavWriter() {}

  /**
   * Mono 16-bit PCM. Samples are in [-1, 1]; anything beyond is clipped rather than wrapped
   * around, which would sound far worse.
   */
  public static byte[] pcm16Mono(float[] samples, int sampleRate) {
    int dataBytes = samples.length * 2;
    ByteBuffer wav = ByteBuffer.allocate(HEADER_BYTES + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    wav.put("RIFF".getBytes(US_ASCII))
        .putInt(HEADER_BYTES - 8 + dataBytes)
        .put("WAVE".getBytes(US_ASCII))
        .put("fmt ".getBytes(US_ASCII))
        .putInt(16) // fmt chunk size
        .putShort((short) 1) // PCM
        .putShort((short) 1) // channels
        .putInt(sampleRate)
        .putInt(sampleRate * 2) // byte rate
        .putShort((short) 2) // block align
        .putShort((short) 16) // bits per sample
        .put("data".getBytes(US_ASCII))
        .putInt(dataBytes);
    for (float sample : samples) {
      wav.putShort((short) Math.round(Math.clamp(sample, -1f, 1f) * Short.MAX_VALUE));
    }
    return wav.array();
  }
}
