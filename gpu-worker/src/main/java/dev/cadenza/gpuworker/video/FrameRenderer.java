package dev.cadenza.gpuworker.video;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws the timeline as it stands at one instant: black, then each track's clips that cover the
 * instant, first track at the bottom. Colour and video clips fill the frame (video cropped to
 * cover it), pictures are fitted and centred, text is centred and wrapped; pictures and text fade
 * in and out over their first and last {@value #FADE_SECONDS} s.
 */
final class FrameRenderer {

  static final double FADE_SECONDS = 0.3;
  private static final Logger log = LoggerFactory.getLogger(FrameRenderer.class);

  private final Timeline timeline;
  private final Sources sources;
  private boolean fontsBroken;

  FrameRenderer(Timeline timeline, Sources sources) {
    this.timeline = timeline;
    this.sources = sources;
  }

  void draw(BufferedImage frame, double t) {
    Graphics2D g = frame.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setColor(Color.BLACK);
      g.fillRect(0, 0, frame.getWidth(), frame.getHeight());
      for (Timeline.Track track : timeline.tracks()) {
        for (Timeline.Clip clip : track.clips()) {
          if (clip.covers(t)) {
            drawClip(g, track.type(), clip, t);
          }
        }
      }
    } finally {
      g.dispose();
    }
  }

  private void drawClip(Graphics2D g, String type, Timeline.Clip clip, double t) {
    int w = timeline.width();
    int h = timeline.height();
    switch (type) {
      case "video" -> {
        if (clip.color() != null) {
          g.setColor(clip.color());
          g.fillRect(0, 0, w, h);
        } else {
          BufferedImage picture = sources.video(clip.source()).frameAt(t - clip.start());
          if (picture != null) {
            drawScaled(g, picture, true);
          }
        }
      }
      case "image" -> {
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, fade(clip, t)));
        drawScaled(g, sources.picture(clip.source()), false);
        g.setComposite(AlphaComposite.SrcOver);
      }
      case "text" -> {
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, fade(clip, t)));
        drawText(g, clip.text(), clip.color() == null ? Color.WHITE : clip.color());
        g.setComposite(AlphaComposite.SrcOver);
      }
      default -> {
        // Audio clips are heard, not seen.
      }
    }
  }

  /** Scales to cover the frame (cropping) or to fit inside it (letterboxed), centred. */
  private void drawScaled(Graphics2D g, BufferedImage picture, boolean cover) {
    double sx = (double) timeline.width() / picture.getWidth();
    double sy = (double) timeline.height() / picture.getHeight();
    double scale = cover ? Math.max(sx, sy) : Math.min(sx, sy);
    int w = (int) Math.round(picture.getWidth() * scale);
    int h = (int) Math.round(picture.getHeight() * scale);
    g.drawImage(picture, (timeline.width() - w) / 2, (timeline.height() - h) / 2, w, h, null);
  }

  private void drawText(Graphics2D g, String text, Color color) {
    if (fontsBroken) {
      return;
    }
    try {
      int w = timeline.width();
      int h = timeline.height();
      int size = Math.max(10, h / 10);
      Font font = new Font(Font.SANS_SERIF, Font.BOLD, size);
      List<String> lines = wrap(text, g.getFontMetrics(font), w * 0.9);
      while (size > 10 && lines.size() * size * 1.2 > h * 0.9) {
        size = Math.max(10, size * 4 / 5);
        font = font.deriveFont((float) size);
        lines = wrap(text, g.getFontMetrics(font), w * 0.9);
      }
      FontMetrics metrics = g.getFontMetrics(font);
      g.setFont(font);
      int lineHeight = metrics.getHeight();
      int y = (h - lineHeight * lines.size()) / 2 + metrics.getAscent();
      int shadow = Math.max(1, size / 16);
      for (String line : lines) {
        int x = (w - metrics.stringWidth(line)) / 2;
        g.setColor(new Color(0, 0, 0, 140));
        g.drawString(line, x + shadow, y + shadow);
        g.setColor(color);
        g.drawString(line, x, y);
        y += lineHeight;
      }
    } catch (RuntimeException | LinkageError e) {
      // A machine without usable fonts still renders the rest of the timeline.
      fontsBroken = true;
      log.warn("cannot draw text clips (no usable fonts?): {}", e.toString());
    }
  }

  private static List<String> wrap(String text, FontMetrics metrics, double maxWidth) {
    List<String> lines = new ArrayList<>();
    for (String paragraph : text.split("\n", -1)) {
      StringBuilder line = new StringBuilder();
      for (String word : paragraph.split(" +")) {
        String candidate = line.isEmpty() ? word : line + " " + word;
        if (!line.isEmpty() && metrics.stringWidth(candidate) > maxWidth) {
          lines.add(line.toString());
          line = new StringBuilder(word);
        } else {
          line = new StringBuilder(candidate);
        }
      }
      lines.add(line.toString());
    }
    return lines;
  }

  private static float fade(Timeline.Clip clip, double t) {
    double fade = Math.min(FADE_SECONDS, clip.duration() / 4);
    if (fade <= 0) {
      return 1f;
    }
    double in = (t - clip.start()) / fade;
    double out = (clip.end() - t) / fade;
    return (float) Math.clamp(Math.min(in, out), 0.0, 1.0);
  }
}
