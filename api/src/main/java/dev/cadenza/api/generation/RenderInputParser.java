package dev.cadenza.api.generation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadenza.net.OutboundAddressPolicy;
import dev.cadenza.workflows.render.PublishTarget;
import dev.cadenza.workflows.render.RenderInput;
import dev.cadenza.workflows.render.Timeline;
import dev.cadenza.workflows.render.TimelineClip;
import dev.cadenza.workflows.render.TimelineTrack;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a {@code render} input against API.md. The timeline: {@code width} and {@code height}
 * even, 64..1920, at most 1920 x 1080 pixels; {@code fps} 1..60; {@code durationSeconds} 0.5..60;
 * up to 16 tracks and 200 clips with up to 16 different source URLs. Clips start within the
 * timeline and last more than 0 s; each track type takes its own clip fields: {@code text} (and
 * {@code color}) for text, {@code sourceUrl} for image and audio, {@code color} or {@code
 * sourceUrl} for video. {@code publishTo}: up to 5 {@code webhook} targets, each optionally
 * scheduled with {@code at} ({@link PublishTime}).
 */
final class RenderInputParser {
  static final int MIN_SIDE = 64;
  static final int MAX_SIDE = 1920;
  static final int MAX_PIXELS = 1920 * 1080;
  static final double MIN_SECONDS = 0.5;
  static final double MAX_SECONDS = 60;
  static final int MAX_TRACKS = 16;
  static final int MAX_CLIPS = 200;
  static final int MAX_SOURCES = 16;
  static final int MAX_TARGETS = 5;
  static final int MAX_TEXT = 500;

  private static final Set<String> FIELDS = Set.of("timeline", "publishTo");
  private static final Set<String> TIMELINE =
      Set.of("width", "height", "fps", "durationSeconds", "tracks");
  private static final Set<String> TRACK = Set.of("type", "clips");
  private static final Set<String> CLIP = Set.of("start", "duration", "text", "sourceUrl", "color");
  private static final Set<String> TARGET = Set.of("platform", "url", "at");
  private static final Map<String, Set<String>> CLIP_FIELDS = Map.of(
      "text", Set.of("text", "color"),
      "image", Set.of("sourceUrl"),
      "audio", Set.of("sourceUrl"),
      "video", Set.of("sourceUrl", "color"));
  private static final Pattern COLOR =
      Pattern.compile("#([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})");
  private static final ObjectMapper JSON =
      new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

  record Parsed(RenderInput input, JsonNode normalized) {}

  static Parsed parse(JsonNode node, OutboundAddressPolicy policy) {
    InputReader in = new InputReader(node, "input", FIELDS);
    InputReader timelineFields = in.object("timeline", TIMELINE);
    Timeline timeline = timelineFields.isObject() ? timeline(timelineFields, policy) : null;
    List<PublishTarget> targets = new ArrayList<>();
    for (InputReader target : in.objects("publishTo", MAX_TARGETS, TARGET)) {
      if (!target.isObject()) {
        continue;
      }
      String platform = target.text("platform", 50);
      String url = target.url("url", policy);
      if (platform != null && !platform.equals("webhook")) {
        target.reject("platform", "must be webhook");
      } else if (platform == null && !target.has("platform")) {
        target.reject("platform", "is required");
      }
      if (url == null && !target.has("url")) {
        target.reject("url", "is required");
      }
      targets.add(new PublishTarget(platform, url, PublishTime.read(target, Clock.systemUTC())));
    }
    if (!in.problems().isEmpty()) {
      throw new InvalidInputException(in.problems());
    }
    RenderInput input = new RenderInput(timeline, List.copyOf(targets));
    return new Parsed(input, JSON.valueToTree(input));
  }

  private static Timeline timeline(InputReader in, OutboundAddressPolicy policy) {
    int width = (int) required(in, "width", MIN_SIDE, MAX_SIDE);
    int height = (int) required(in, "height", MIN_SIDE, MAX_SIDE);
    int fps = (int) required(in, "fps", 1, 60);
    double duration = in.number("durationSeconds", 0, MIN_SECONDS, MAX_SECONDS);
    if (!in.has("durationSeconds")) {
      in.reject("durationSeconds", "is required");
    }
    if (width % 2 != 0) {
      in.reject("width", "must be even");
    }
    if (height % 2 != 0) {
      in.reject("height", "must be even");
    }
    if ((long) width * height > MAX_PIXELS) {
      in.reject("width and height must be at most 1920 x 1080 pixels together");
    }
    List<TimelineTrack> tracks = new ArrayList<>();
    Set<String> sources = new LinkedHashSet<>();
    int clipCount = 0;
    for (InputReader track : in.objects("tracks", MAX_TRACKS, TRACK)) {
      if (!track.isObject()) {
        continue;
      }
      String type = track.text("type", 10);
      if (type == null) {
        if (!track.has("type")) {
          track.reject("type", "is required");
        }
        continue;
      }
      if (!CLIP_FIELDS.containsKey(type)) {
        track.reject("type", "must be one of video, image, text, audio");
        continue;
      }
      List<TimelineClip> clips = new ArrayList<>();
      for (InputReader clip : track.objects("clips", MAX_CLIPS, CLIP)) {
        if (clip.isObject()) {
          clips.add(clip(clip, type, duration, policy, sources));
        }
      }
      clipCount += clips.size();
      tracks.add(new TimelineTrack(type, List.copyOf(clips)));
    }
    if (clipCount > MAX_CLIPS) {
      in.reject("tracks", "must have at most " + MAX_CLIPS + " clips in all");
    }
    if (sources.size() > MAX_SOURCES) {
      in.reject("tracks", "must use at most " + MAX_SOURCES + " different sourceUrls");
    }
    return new Timeline(width, height, fps, duration, List.copyOf(tracks));
  }

  private static TimelineClip clip(
      InputReader clip,
      String type,
      double timelineSeconds,
      OutboundAddressPolicy policy,
      Set<String> sources) {
    double start = clip.number("start", 0, 0, MAX_SECONDS);
    double duration = clip.number("duration", 0, 0.001, MAX_SECONDS);
    for (String field : List.of("start", "duration")) {
      if (!clip.has(field)) {
        clip.reject(field, "is required");
      }
    }
    if (timelineSeconds > 0 && clip.has("start") && start >= timelineSeconds) {
      clip.reject("start", "must be before the end of the timeline");
    }
    for (String field : List.of("text", "sourceUrl", "color")) {
      if (clip.has(field) && !CLIP_FIELDS.get(type).contains(field)) {
        clip.reject(field, "is not used by a " + type + " clip");
      }
    }
    String text = clip.text("text", MAX_TEXT);
    String sourceUrl = clip.url("sourceUrl", policy);
    String color = clip.text("color", 9);
    if (color != null && !COLOR.matcher(color).matches()) {
      clip.reject("color", "must be #rgb, #rrggbb or #rrggbbaa");
    }
    switch (type) {
      case "text" -> requireField(clip, "text");
      case "image", "audio" -> requireField(clip, "sourceUrl");
      default -> {
        if (clip.has("sourceUrl") == clip.has("color")) {
          clip.reject("a video clip needs exactly one of color or sourceUrl");
        }
      }
    }
    if (sourceUrl != null) {
      sources.add(sourceUrl);
    }
    return new TimelineClip(start, duration, text, sourceUrl, color);
  }

  private static long required(InputReader in, String field, long min, long max) {
    if (!in.has(field)) {
      in.reject(field, "is required");
      return min;
    }
    return in.integer(field, min, min, max);
  }

  private static void requireField(InputReader clip, String field) {
    if (!clip.has(field)) {
      clip.reject(field, "is required");
    }
  }

  private RenderInputParser() {}
}
