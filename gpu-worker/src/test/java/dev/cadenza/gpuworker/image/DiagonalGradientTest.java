package dev.cadenza.gpuworker.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** The cover background looks as java.awt's GradientPaint would paint it. */
class DiagonalGradientTest {

  @Test
  void matchesGradientPaintWithinOneLevel() {
    Color start = new Color(200, 40, 90);
    Color end = new Color(10, 180, 250);
    for (int[] size : new int[][] {{768, 768}, {640, 384}, {256, 1536}}) {
      int w = size[0];
      int h = size[1];
      BufferedImage expected = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = expected.createGraphics();
      g.setPaint(new GradientPaint(0, 0, start, w, h, end));
      g.fillRect(0, 0, w, h);
      g.dispose();
      BufferedImage actual = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);

      DiagonalGradient.fill(actual, start, end);

      assertThat(largestDifference(actual, expected)).as("%dx%d", w, h).isLessThanOrEqualTo(1);
      assertThat(actual.getRGB(0, 0) & 0xFFFFFF).isEqualTo(start.getRGB() & 0xFFFFFF);
    }
  }

  private static int largestDifference(BufferedImage a, BufferedImage b) {
    int largest = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        for (int shift = 0; shift < 24; shift += 8) {
          largest = Math.max(largest, Math.abs(((p >> shift) & 0xFF) - ((q >> shift) & 0xFF)));
        }
      }
    }
    return largest;
  }
}
