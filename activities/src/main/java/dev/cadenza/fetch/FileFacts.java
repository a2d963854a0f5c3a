package dev.cadenza.fetch;

import dev.cadenza.workflows.fetch.SourceKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Checks that a fetched file is what its content type says, by its first bytes (and, for
 * pictures, the header an image decoder reads), and tells what can be told cheaply: a picture's
 * {@code width} and {@code height}.
 */
final class FileFacts {

  /** Decoding bigger pictures could exhaust a worker's memory, whatever the file size. */
  static final long MAX_PIXELS = 40_000_000L;

  private FileFacts() {}

  /** The facts of the file, or empty when its bytes do not match {@code contentType}. */
  static Optional<Map<String, String>> check(SourceKind kind, String contentType, Path file) {
    byte[] head = head(file);
    return switch (kind) {
      case IMAGE -> picture(contentType, file);
      case VIDEO -> ascii(head, 4, "ftyp") ? Optional.of(Map.of()) : Optional.empty();
      case AUDIO ->
        ascii(head, 0, "RIFF") && ascii(head, 8, "WAVE") ? Optional.of(Map.of()) : Optional.empty();
    };
  }

  static String extension(String contentType) {
    return switch (contentType) {
      case "image/png" -> ".png";
      case "image/jpeg" -> ".jpg";
      case "video/mp4" -> ".mp4";
      default -> ".wav";
    };
  }

  private static Optional<Map<String, String>> picture(String contentType, Path file) {
    String expected = contentType.equals("image/png") ? "png" : "jpeg";
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        return Optional.empty();
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        if (!reader.getFormatName().toLowerCase(Locale.ROOT).equals(expected)) {
          return Optional.empty();
        }
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width <= 0 || height <= 0 || (long) width * height > MAX_PIXELS) {
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

  private static byte[] head(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(16);
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private static boolean ascii(byte[] bytes, int at, String text) {
    return bytes.length >= at + text.length()
        && new String(Arrays.copyOfRange(bytes, at, at + text.length()), StandardCharsets.US_ASCII)
            .equals(text);
  }
}
