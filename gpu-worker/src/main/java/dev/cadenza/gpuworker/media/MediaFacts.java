package dev.cadenza.gpuworker.media;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks that a file is what its content type says and tells what can be told about it: for
 * WAV {@code durationSeconds}, {@code sampleRate}, {@code channels}; for images {@code width},
 * {@code height}. Other content types are taken on trust, with no facts.
 */
public final class MediaFacts {

  private MediaFacts() {}

  /**
   * Metadata of {@code bytes} as a {@code contentType} file, or empty when the bytes are not of
   * that type (see {@link #sniff} to say what they are instead).
   */
  public static Optional<Map<String, String>> of(String contentType, byte[] bytes) {
    String type = contentType.toLowerCase(Locale.ROOT);
    if (type.equals("audio/wav") || type.equals("audio/x-wav") || type.equals("audio/wave")) {
      return WavInfo.parse(bytes)
          .map(wav -> Map.of(
              "durationSeconds", wav.formattedDuration(),
              "sampleRate", Integer.toString(wav.sampleRate()),
              "channels", Integer.toString(wav.channels())));
    }
    if (type.startsWith("image/")) {
      String expected = type.substring("image/".length()).replace("jpg", "jpeg");
      return ImageInfo.read(bytes)
          .filter(image -> image.format().equals(expected))
          .map(image -> Map.of(
              "width", Integer.toString(image.width()),
              "height", Integer.toString(image.height())));
    }
    return Optional.of(Map.of());
  }

  /** A best guess at what {@code bytes} are, by their magic numbers, for error messages. */
  public static String sniff(byte[] bytes) {
    if (bytes.length == 0) {
      return "an empty file";
    }
    String head =
        new String(Arrays.copyOf(bytes, Math.min(bytes.length, 12)), StandardCharsets.ISO_8859_1);
    if (head.startsWith("RIFF") && head.startsWith("WAVE", 8)) {
      return "WAV audio";
    }
    if (head.startsWith("RIFF") && head.startsWith("WEBP", 8)) {
      return "a WebP image";
    }
    if (head.startsWith("\u0089PNG")) {
      return "a PNG image";
    }
    if (head.startsWith("\u00ff\u00d8\u00ff")) {
      return "a JPEG image";
    }
    if (head.startsWith("GIF8")) {
      return "a GIF image";
    }
    if (head.startsWith("ID3")
        || (head.charAt(0) == '\u00ff' && bytes.length > 1 && (bytes[1] & 0xE0) == 0xE0)) {
      return "MP3 audio";
    }
    if (head.startsWith("fLaC")) {
      return "FLAC audio";
    }
    if (head.startsWith("OggS")) {
      return "Ogg audio";
    }
    if (head.length() >= 8 && head.startsWith("ftyp", 4)) {
      return "an MP4/M4A file";
    }
    return "unrecognised data (" + bytes.length + " bytes)";
  }
}
