package dev.cadenza.gpuworker.image;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * A cover's background: a gradient along the diagonal from the top-left corner to the
 * bottom-right one in 256 steps, as {@link java.awt.GradientPaint} paints it (the same colours,
 * give or take one level where a step begins), written straight into the pixels. Through {@code
 * Graphics2D} the fill was two fifths of painting a cover (floating-point per pixel into a tile,
 * then a copy of each tile); this takes well under half of that.
 */
final class DiagonalGradient {

  private static final int STEPS = 256;

  private DiagonalGradient() {}

  /** Fills {@code image}, a plain {@code TYPE_INT_RGB} image, from {@code start} to {@code end}. */
  static void fill(BufferedImage image, Color start, Color end) {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    int[] colours = steps(start, end);
    // Pixel (x, y) takes step floor(STEPS * (x w + y h) / (w^2 + h^2)), its position along the
    // diagonal (x < w and y < h keep it below STEPS). Whole numbers carried from pixel to pixel
    // as a step and a remainder: exact, and no division per pixel.
    long diagonalSquared = (long) w * w + (long) h * h;
    long perPixel = (long) STEPS * w;
    for (int y = 0, at = 0; y < h; y++) {
      long rowStart = (long) STEPS * y * h;
      int step = (int) (rowStart / diagonalSquared);
      long remainder = rowStart % diagonalSquared;
      for (int x = 0; x < w; x++, at++) {
        pixels[at] = colours[step];
        remainder += perPixel;
        while (remainder >= diagonalSquared) {
          remainder -= diagonalSquared;
          step++;
        }
      }
    }
  }

  /** The colour of each step, interpolated per channel as GradientPaint does. */
  private static int[] steps(Color start, Color end) {
    int[] colours = new int[STEPS];
    for (int i = 0; i < STEPS; i++) {
      float along = (float) i / STEPS;
      colours[i] = channel(start.getRed(), end.getRed(), along) << 16
          | channel(start.getGreen(), end.getGreen(), along) << 8
          | channel(start.getBlue(), end.getBlue(), along);
    }
    return colours;
  }

  private static int channel(int from, int to, float along) {
    return (int) (from + (to - from) * along);
  }
}
