package dev.cadenza.upload;

import dev.cadenza.fetch.FetchProperties;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The content types an upload may declare (API.md), with their kind and size limit: the same
 * limits as files fetched by URL ({@code app.fetch.*}).
 */
@Component
public class UploadTypes {
  /** In the order API.md lists them, for messages. */
  public static final List<String> CONTENT_TYPES =
      List.of("image/png", "image/jpeg", "image/webp", "audio/wav", "audio/mpeg", "video/mp4");

  private static final Map<String, String> EXTENSIONS = Map.of(
      "image/png", ".png",
      "image/jpeg", ".jpg",
      "image/webp", ".webp",
      "audio/wav", ".wav",
      "audio/mpeg", ".mp3",
      "video/mp4", ".mp4");

  private final FetchProperties limits;

  public UploadTypes(FetchProperties limits) {
    this.limits = limits;
  }

  public static boolean accepted(String contentType) {
    return EXTENSIONS.containsKey(contentType);
  }

  /** {@code image}, {@code audio} or {@code video}. */
  public static String kind(String contentType) {
    return contentType.substring(0, contentType.indexOf('/'));
  }

  public static String extension(String contentType) {
    return EXTENSIONS.get(contentType);
  }

  /** The largest upload of an accepted type, in bytes. */
  public long maxBytes(String contentType) {
    return switch (kind(contentType)) {
      case "image" -> limits.maxImageBytes().toBytes();
      case "video" -> limits.maxVideoBytes().toBytes();
      default -> limits.maxAudioBytes().toBytes();
    };
  }
}
