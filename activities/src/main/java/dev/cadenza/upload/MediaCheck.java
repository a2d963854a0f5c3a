package dev.cadenza.upload;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Checks that an uploaded file really is of its declared type: pictures are decoded whole by
 * ImageIO (a PNG signature in front of garbage fails), sound and video are probed by {@link
 * MediaProbe}. Tells the facts a generation may want: a picture's {@code width} and {@code
 * height}, a clip's {@code durationSeconds}.
 */
public final class MediaCheck {

  /** Decoding bigger pictures could exhaust a worker's memory, whatever the file size. */
  static final long MAX_PIXELS = 40_000_000L;

  private MediaCheck() {}

  /** The facts of the file, or empty when its bytes are not of {@code contentType}. */
  public static Optional<Map<String, String>> check(String contentType, Path file) {
    return switch (contentType) {
      case "image/png" -> picture("png", file);
      case "image/jpeg" -> picture("jpeg", file);
      case "image/webp" -> picture("webp", file);
      default -> MediaProbe.probe(contentType, file);
    };
  }

  private static Optional<Map<String, String>> picture(String format, Path file) {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        return Optional.empty();
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        if (!reader.getFormatName().toLowerCase(Locale.ROOT).equals(format)) {
          return Optional.empty();
        }
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width <= 0 || height <= 0 || (long) width * height > MAX_PIXELS) {
          return Optional.empty();
        }
        // Every pixel, so a valid header over truncated or corrupt data is refused. The JPEG
        // reader only warns about a truncated file (and fills the rest grey): a warning refuses.
        boolean[] warned = {false};
        reader.addIIOReadWarningListener((source, warning) -> warned[0] = true);
        BufferedImage pixels = reader.read(0);
        if (pixels == null || warned[0]) {
          return Optional.empty();
        }
        return Optional.of(
            Map.of("width", Integer.toString(width), "height", Integer.toString(height)));
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
