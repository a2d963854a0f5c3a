package dev.cadenza.gpuworker.video;

import com.google.protobuf.Struct;
import dev.cadenza.gpuworker.runner.ModelFailureException;
import dev.cadenza.gpuworker.runner.ModelInput;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The input of the video model: a timeline of tracks drawn bottom (first track) to top, each a
 * list of clips. {@code video} clips are a solid {@code color} or a {@code source} MP4 file;
 * {@code image} clips show a {@code source} picture (fitted, centred); {@code text} clips draw
 * {@code text} (in {@code color}, white by default); {@code audio} clips mix a {@code source} WAV
 * into the soundtrack. Sources are names of input files.
 *
 * @param width pixels, even, 64..1920
 * @param height pixels, even, 64..1920; at most 1920 x 1080 pixels in all
 * @param fps frames per second, 1..60
 * @param durationSeconds 0.1..600; the video has {@code round(durationSeconds * fps)} frames
 */
record Timeline(int width, int height, int fps, double durationSeconds, List<Track> tracks) {

  static final int MIN_SIDE = 64;
  static final int MAX_SIDE = 1920;
  static final int MAX_PIXELS = 1920 * 1080;
  static final Set<String> TYPES = Set.of("video", "image", "text", "audio");
  private static final Pattern HEX =
      Pattern.compile("#([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})");

  record Track(String type, List<Clip> clips) {}

  /**
   * @param color null when not given
   */
  record Clip(double start, double duration, String text, String source, Color color) {
    double end() {
      return start + duration;
    }

    boolean covers(double t) {
      return t >= start && t < end();
    }
  }

  static Timeline from(Struct input) {
    ModelInput in = ModelInput.of(input);
    int width = in.integer("width", 0, MIN_SIDE, MAX_SIDE);
    int height = in.integer("height", 0, MIN_SIDE, MAX_SIDE);
    if (width == 0 || height == 0) {
      throw ModelFailureException.invalidInput("width and height are required");
    }
    if (width % 2 != 0 || height % 2 != 0) {
      throw ModelFailureException.invalidInput("width and height must be even (H.264 4:2:0)");
    }
    if (width * height > MAX_PIXELS) {
      throw ModelFailureException.invalidInput("width x height must be at most 1920 x 1080");
    }
    int fps = in.integer("fps", 0, 1, 60);
    if (fps == 0) {
      throw ModelFailureException.invalidInput("fps is required");
    }
    double duration = in.requiredNumber("durationSeconds", 0.1, 600);
    List<Track> tracks = new ArrayList<>();
    for (ModelInput track : in.objects("tracks")) {
      String type = track.text("type", "").toLowerCase(Locale.ROOT);
      if (!TYPES.contains(type)) {
        throw ModelFailureException.invalidInput(
            "track type must be one of video, image, text, audio, was \"" + type + "\"");
      }
      List<Clip> clips = new ArrayList<>();
      for (ModelInput clip : track.objects("clips")) {
        clips.add(clip(type, clip));
      }
      tracks.add(new Track(type, List.copyOf(clips)));
    }
    return new Timeline(width, height, fps, duration, List.copyOf(tracks));
  }

  int frames() {
    return Math.max(1, (int) Math.round(durationSeconds * fps));
  }

  /** Every source file the timeline names, in order of first use. */
  List<String> sources() {
    return tracks.stream()
        .flatMap(t -> t.clips().stream())
        .map(Clip::source)
        .filter(s -> s != null)
        .distinct()
        .toList();
  }

  private static Clip clip(String type, ModelInput clip) {
    double start = clip.number("start", 0, 0, 86_400);
    double duration = clip.requiredNumber("duration", 0.001, 86_400);
    String text = clip.optionalText("text").orElse(null);
    String source = clip.optionalText("source").orElse(null);
    Color color = clip.optionalText("color").map(Timeline::color).orElse(null);
    switch (type) {
      case "text" -> require(text != null, "a text clip needs text");
      case "image", "audio" -> require(source != null, "an " + type + " clip needs a source");
      default ->
        require(
            (source == null) != (color == null), "a video clip needs either a color or a source");
    }
    return new Clip(start, duration, text, source, color);
  }

  /** {@code #rgb}, {@code #rrggbb} or {@code #rrggbbaa}. */
  static Color color(String text) {
    if (!HEX.matcher(text).matches()) {
      throw ModelFailureException.invalidInput(
          "color must be #rgb, #rrggbb or #rrggbbaa, was \"" + text + "\"");
    }
    String hex = text.substring(1);
    if (hex.length() == 3) {
      hex = "" + hex.charAt(0) + hex.charAt(0) + hex.charAt(1) + hex.charAt(1) + hex.charAt(2)
          + hex.charAt(2);
    }
    int r = Integer.parseInt(hex.substring(0, 2), 16);
    int g = Integer.parseInt(hex.substring(2, 4), 16);
    int b = Integer.parseInt(hex.substring(4, 6), 16);
    int a = hex.length() == 8 ? Integer.parseInt(hex.substring(6, 8), 16) : 255;
    return new Color(r, g, b, a);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw ModelFailureException.invalidInput(message);
    }
  }
}
