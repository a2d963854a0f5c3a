package dev.cadenza.gpuworker.audio;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Encodes samples as a canonical 44-byte-header RIFF/WAVE file, 16-bit PCM. */
public final class WavWriter {

  private static final int HEADER_BYTES = 44;
  // Math.rint (one instruction) instead of Math.round (a dozen, with branches), and plain
  // little-endian stores into the array instead of ByteBuffer.putShort: together over ten times
  // cheaper; this loop was a fifth of the audio model's CPU once synthesis got cheap.
  private static final VarHandle SHORT_LE =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

  private WavWriter() {}

  /**
   * Mono 16-bit PCM. Samples are in [-1, 1], rounded to the nearest step; anything beyond is
   * clipped rather than wrapped around, which would sound far worse.
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
    byte[] bytes = wav.array();
    for (int i = 0, at = HEADER_BYTES; i < samples.length; i++, at += 2) {
      SHORT_LE.set(bytes, at, (short) Math.rint(Math.clamp(samples[i], -1f, 1f) * Short.MAX_VALUE));
    }
    return bytes;
  }
}
