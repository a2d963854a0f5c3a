package dev.cadenza.gpuworker.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Format and size of an image, read from its header with ImageIO (the pixels are not decoded).
 *
 * @param format lower-case ImageIO format name: {@code png}, {@code jpeg}, {@code gif}, ...
 */
public record ImageInfo(String format, int width, int height) {

  /** What ImageIO can tell about {@code bytes}, or empty when it does not read them. */
  public static Optional<ImageInfo> read(byte[] bytes) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      if (in == null) {
        return Optional.empty();
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        return Optional.empty();
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        return Optional.of(new ImageInfo(
            reader.getFormatName().toLowerCase(Locale.ROOT),
            reader.getWidth(0),
            reader.getHeight(0)));
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
