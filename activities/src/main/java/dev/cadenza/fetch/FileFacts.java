package dev.cadenza.fetch;

import dev.cadenza.upload.MediaCheck;
import dev.cadenza.workflows.fetch.SourceKind;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Checks that a fetched file is what its content type says, the same way as uploads ({@link
 * MediaCheck}: pictures decoded whole, sound and video probed with FFmpeg and a frame decoded), and
 * tells its facts (a picture's {@code width} and {@code height}, a clip's duration).
 */
final class FileFacts {

  private FileFacts() {}

  /** The facts of the file, or empty when its bytes do not match {@code contentType}. */
  static Optional<Map<String, String>> check(SourceKind kind, String contentType, Path file) {
    // Servers name WAV in several ways (audio/x-wav, audio/wave...); the fetcher accepted only
    // WAV and MP4 for these kinds, so the check is of the canonical type.
    return switch (kind) {
      case IMAGE -> MediaCheck.check(contentType, file);
      case VIDEO -> MediaCheck.check("video/mp4", file);
      case AUDIO -> MediaCheck.check("audio/wav", file);
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
}
