package dev.cadenza.api.e2e;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

/** Reads the downloaded media the way a player would, to check it is real. */
final class MediaFiles {

  record Wav(int sampleRate, int channels, int bitsPerSample, long samples, double rms) {
    double seconds() {
      return (double) samples / sampleRate;
    }
  }

  static Wav wav(byte[] bytes) {
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (!ascii(bytes, 0, "RIFF") || !ascii(bytes, 8, "WAVE")) {
      throw new IllegalArgumentException("not a RIFF/WAVE file");
    }
    int pos = 12;
    int rate = 0;
    int channels = 0;
    int bits = 0;
    while (pos + 8 <= bytes.length) {
      String id = new String(bytes, pos, 4, StandardCharsets.US_ASCII);
      int size = buf.getInt(pos + 4);
      if (id.equals("fmt ")) {
        channels = buf.getShort(pos + 10);
        rate = buf.getInt(pos + 12);
        bits = buf.getShort(pos + 22);
      } else if (id.equals("data")) {
        long samples = size / (bits / 8) / channels;
        double sum = 0;
        for (int i = 0; i < samples * channels; i++) {
          double s = buf.getShort(pos + 8 + i * 2) / 32768.0;
          sum += s * s;
        }
        return new Wav(rate, channels, bits, samples, Math.sqrt(sum / (samples * channels)));
      }
      pos += 8 + size + (size & 1);
    }
    throw new IllegalArgumentException("no data chunk");
  }

  static BufferedImage png(byte[] bytes) throws IOException {
    if (!ascii(bytes, 1, "PNG")) {
      throw new IllegalArgumentException("not a PNG");
    }
    return ImageIO.read(new ByteArrayInputStream(bytes));
  }

  private static boolean ascii(byte[] bytes, int at, String text) {
    return bytes.length >= at + text.length()
        && new String(bytes, at, text.length(), StandardCharsets.US_ASCII).equals(text);
  }

  private MediaFiles() {}
}
