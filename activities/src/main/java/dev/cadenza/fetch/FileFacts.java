package dev.cadenza.fetch;

import dev.cadenza.upload.MediaCheck;
import dev.cadenza.workflows.fetch.SourceKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Checks that a fetched file is what its content type says: pictures the same way as uploads
 * ({@link MediaCheck}, decoded whole), sound and video by their first bytes; and tells a
 * picture's {@code width} and {@code height}.
 */
final class FileFacts {

  private FileFacts() {}

  /** The facts of the file, or empty when its bytes do not match {@code contentType}. */
  static Optional<Map<String, String>> check(SourceKind kind, String contentType, Path file) {
    byte[] head = head(file);
    return switch (kind) {
      case IMAGE -> MediaCheck.check(contentType, file);
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
