package dev.cadenza.gpuworker.image;

import dev.cadenza.gpuworker.music.Vocabulary;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paints abstract cover art: a diagonal gradient in two hues picked from the prompt and seed,
 * a handful of translucent shapes in related hues, and the title if there is one. Uses only
 * java.awt on a {@link BufferedImage}, so it works headless.
 */
final class CoverPainter {

  private static final Logger log = LoggerFactory.getLogger(CoverPainter.class);
  private static final List<String> DARK = List.of("dark", "sad", "melancholic", "lonely", "epic");
  private static final List<String> BRIGHT = List.of("happy", "upbeat", "uplifting", "playful");

  private CoverPainter() {}

  /** Paints the background (0-50%), shapes (50-90%) and title, reporting each stage. */
  static BufferedImage paint(CoverRequest request, IntConsumer percentDone) {
    Random random = new Random(request.seed() * 31 + request.prompt().hashCode());
    List<String> moods = Vocabulary.moods(request.prompt());
    float brightness =
        Vocabulary.anyIn(moods, DARK) ? 0.45f : Vocabulary.anyIn(moods, BRIGHT) ? 0.95f : 0.75f;
    float hue = random.nextFloat();
    float endHue = hue + 0.15f + 0.2f * random.nextFloat();
    int w = request.width();
    int h = request.height();

    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    DiagonalGradient.fill(
        image,
        Color.getHSBColor(hue, 0.7f, brightness),
        Color.getHSBColor(endHue, 0.8f, brightness * 0.6f));
    percentDone.accept(50);

    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      int shapes = 4 + random.nextInt(5);
      for (int i = 0; i < shapes; i++) {
        drawShape(g, random, hue, brightness, w, h);
      }
      percentDone.accept(90);
      if (!request.title().isEmpty()) {
        drawTitle(g, request.title(), w, h);
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  private static void drawShape(
      Graphics2D g, Random random, float hue, float brightness, int w, int h) {
    float shapeHue = hue + (random.nextFloat() - 0.5f) * 0.4f;
    float saturation = 0.5f + 0.5f * random.nextFloat();
    g.setColor(Color.getHSBColor(shapeHue, saturation, Math.min(1f, brightness + 0.2f)));
    float opacity = 0.25f + 0.45f * random.nextFloat();
    g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, opacity));
    double size = Math.min(w, h) * (0.15 + 0.45 * random.nextDouble());
    double x = random.nextDouble() * w - size / 2;
    double y = random.nextDouble() * h - size / 2;
    switch (random.nextInt(4)) {
      case 0 -> g.fill(new Ellipse2D.Double(x, y, size, size));
      case 1 -> g.fill(new RoundRectangle2D.Double(x, y, size, size * 0.6, size / 5, size / 5));
      case 2 -> {
        Path2D triangle = new Path2D.Double();
        triangle.moveTo(x + size / 2, y);
        triangle.lineTo(x + size, y + size);
        triangle.lineTo(x, y + size);
        triangle.closePath();
        g.fill(triangle);
      }
      default -> {
        g.setStroke(new BasicStroke((float) (size / 12)));
        g.draw(new Ellipse2D.Double(x, y, size, size));
      }
    }
    g.setComposite(AlphaComposite.SrcOver);
  }

  /**
   * Draws the title near the bottom, shrunk to fit. A machine without usable fonts still
   * gets a cover, just without text, rather than a failed job.
   */
  private static void drawTitle(Graphics2D g, String title, int w, int h) {
    try {
      int size = Math.max(12, w / 12);
      Font font = new Font(Font.SANS_SERIF, Font.BOLD, size);
      FontMetrics metrics = g.getFontMetrics(font);
      while (metrics.stringWidth(title) > w * 0.9 && size > 12) {
        size -= 2;
        font = font.deriveFont((float) size);
        metrics = g.getFontMetrics(font);
      }
      int x = (w - metrics.stringWidth(title)) / 2;
      int y = h - h / 10;
      g.setFont(font);
      g.setColor(new Color(0, 0, 0, 120));
      g.drawString(title, x + Math.max(1, size / 16), y + Math.max(1, size / 16));
      g.setColor(Color.WHITE);
      g.drawString(title, x, y);
    } catch (RuntimeException | LinkageError e) {
      log.warn("cannot draw cover title (no usable fonts?): {}", e.toString());
    }
  }
}
