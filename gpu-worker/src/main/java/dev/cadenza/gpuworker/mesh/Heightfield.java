package dev.cadenza.gpuworker.mesh;

import dev.cadenza.gpuworker.media.Pictures;
import java.awt.image.BufferedImage;

/**
 * Heights in 0..1 on a grid of {@code columns} x {@code rows} samples, read from an image's
 * luminance: bright is high (or low, engraved). Smoothed so the relief has no pixel noise, and
 * stretched to the full range so a dull picture still gives a visible relief.
 */
final class Heightfield {

  final int columns;
  final int rows;
  private final float[] heights;

  private Heightfield(int columns, int rows, float[] heights) {
    this.columns = columns;
    this.rows = rows;
    this.heights = heights;
  }

  static Heightfield of(BufferedImage image, int columns, int rows, boolean inverted, int blurs) {
    BufferedImage small = Pictures.scaled(image, columns, rows);
    float[] h = new float[columns * rows];
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < columns; x++) {
        int rgb = small.getRGB(x, y);
        float luma = (0.2126f * ((rgb >> 16) & 0xFF)
                + 0.7152f * ((rgb >> 8) & 0xFF)
                + 0.0722f * (rgb & 0xFF))
            / 255f;
        h[y * columns + x] = inverted ? 1 - luma : luma;
      }
    }
    for (int i = 0; i < blurs; i++) {
      h = blur(h, columns, rows);
    }
    return new Heightfield(columns, rows, stretch(h));
  }

  float at(int x, int y) {
    int cx = Math.clamp(x, 0, columns - 1);
    int cy = Math.clamp(y, 0, rows - 1);
    return heights[cy * columns + cx];
  }

  private static float[] blur(float[] h, int columns, int rows) {
    float[] out = new float[h.length];
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < columns; x++) {
        float sum = 0;
        int n = 0;
        for (int dy = -1; dy <= 1; dy++) {
          for (int dx = -1; dx <= 1; dx++) {
            int sx = x + dx;
            int sy = y + dy;
            if (sx >= 0 && sx < columns && sy >= 0 && sy < rows) {
              sum += h[sy * columns + sx];
              n++;
            }
          }
        }
        out[y * columns + x] = sum / n;
      }
    }
    return out;
  }

  private static float[] stretch(float[] h) {
    float min = Float.MAX_VALUE;
    float max = -Float.MAX_VALUE;
    for (float v : h) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    float range = max - min;
    if (range < 0.02f) {
      // A flat picture: a flat plate rather than amplified noise.
      java.util.Arrays.fill(h, 0.5f);
      return h;
    }
    for (int i = 0; i < h.length; i++) {
      h[i] = (h[i] - min) / range;
    }
    return h;
  }
}
