package dev.cadenza.gpuworker.media;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The facts in a RIFF/WAVE header: format, channels, sample rate and, from the size of the
 * {@code data} chunk, the duration. Reads chunk by chunk (skipping {@code LIST} and friends), so
 * it accepts what real encoders write, not only 44-byte canonical headers.
 *
 * @param formatTag 1 = PCM, 3 = IEEE float, 0xFFFE = extensible
 * @param dataBytes bytes of sample data (a streaming writer's unknown size is taken as "to the
 *     end of the file")
 */
public record WavInfo(
    int formatTag,
    int channels,
    int sampleRate,
    int bitsPerSample,
    int blockAlign,
    long dataBytes) {

  /** The header of {@code bytes}, or empty when they are not a WAV file. */
  public static Optional<WavInfo> parse(byte[] bytes) {
    if (bytes.length < 12) {
      return Optional.empty();
    }
    ByteBuffer wav = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (!tag(wav).equals("RIFF")) {
      return Optional.empty();
    }
    wav.getInt(); // RIFF size: often wrong in streamed files, not needed
    if (!tag(wav).equals("WAVE")) {
      return Optional.empty();
    }
    int formatTag = -1;
    int channels = 0;
    int sampleRate = 0;
    int bits = 0;
    int blockAlign = 0;
    while (wav.remaining() >= 8) {
      String chunk = tag(wav);
      long size = Integer.toUnsignedLong(wav.getInt());
      if (chunk.equals("fmt ")) {
        if (size < 16 || wav.remaining() < 16) {
          return Optional.empty();
        }
        int start = wav.position();
        formatTag = Short.toUnsignedInt(wav.getShort());
        channels = Short.toUnsignedInt(wav.getShort());
        sampleRate = wav.getInt();
        wav.getInt(); // byte rate
        blockAlign = Short.toUnsignedInt(wav.getShort());
        bits = Short.toUnsignedInt(wav.getShort());
        if (!skip(wav, start + size + (size & 1))) {
          break;
        }
      } else if (chunk.equals("data")) {
        if (formatTag < 0 || channels <= 0 || sampleRate <= 0 || blockAlign <= 0) {
          return Optional.empty();
        }
        long data = Math.min(size, wav.remaining());
        return Optional.of(new WavInfo(formatTag, channels, sampleRate, bits, blockAlign, data));
      } else if (!skip(wav, wav.position() + size + (size & 1))) {
        break;
      }
    }
    return Optional.empty();
  }

  public double durationSeconds() {
    return (double) (dataBytes / blockAlign) / sampleRate;
  }

  /** Whole seconds without decimals ("6"), else milliseconds ("6.250"), as the built-in runner. */
  public String formattedDuration() {
    double seconds = Math.round(durationSeconds() * 1000) / 1000.0;
    return seconds == Math.rint(seconds)
        ? Long.toString((long) seconds)
        : String.format(Locale.ROOT, "%.3f", seconds);
  }

  private static boolean skip(ByteBuffer wav, long position) {
    if (position > wav.limit()) {
      return false;
    }
    wav.position((int) position);
    return true;
  }

  private static String tag(ByteBuffer wav) {
    byte[] tag = new byte[4];
    wav.get(tag);
    return new String(tag, StandardCharsets.US_ASCII);
  }
}
