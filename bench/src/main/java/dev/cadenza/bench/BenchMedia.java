package dev.cadenza.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

/**
 * Small real media files for upload kinds, different for each seed (so that no two uploads are
 * the same bytes) and valid for the service's checks: a PNG picture and a WAV tone.
 */
final class BenchMedia {

  private BenchMedia() {}

  /** A {@code size} x {@code size} PNG: a gradient with a disc, its colours drawn from the seed. */
  static byte[] png(long seed, int size) {
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    float hue = (seed % 360) / 360f;
    for (int y = 0; y < size; y++) {
      g.setColor(Color.getHSBColor(hue, 0.6f, 0.3f + 0.7f * y / size));
      g.drawLine(0, y, size, y);
    }
    g.setColor(Color.getHSBColor(hue + 0.5f, 0.8f, 0.9f));
    g.fillOval(size / 4, size / 4, size / 2, size / 2);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** {@code seconds} of a sine tone, 16-bit mono PCM WAV at 22.05 kHz, pitch from the seed. */
  static byte[] wav(long seed, double seconds) {
    int rate = 22_050;
    int samples = (int) (rate * seconds);
    double hertz = 220 + (seed % 440);
    ByteBuffer wav = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
    wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2);
    wav.put("WAVE".getBytes(StandardCharsets.US_ASCII));
    wav.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
    wav.putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2);
    wav.putShort((short) 2).putShort((short) 16);
    wav.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
    for (int i = 0; i < samples; i++) {
      wav.putShort((short) (Math.sin(2 * Math.PI * hertz * i / rate) * 8000));
    }
    return wav.array();
  }
}
