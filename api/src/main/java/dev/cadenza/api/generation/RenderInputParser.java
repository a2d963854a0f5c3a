package dev.cadenza.api.generation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cadenza.api.problem.InvalidInputException;
import dev.cadenza.net.OutboundAddressPolicy;
import dev.cadenza.workflows.media.StagedFile;
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
import java.util.stream.Stream;

/**
 * Checks a {@code render} input against API.md. The timeline: {@code width} and {@code height}
 * even, 64..1920, at most 1920 x 1080 pixels; {@code fps} 1..60; {@code durationSeconds} 0.5..60;
 * up to 16 tracks and 200 clips with up to 16 different sources (URLs and uploads together).
 * Clips start within the timeline and last more than 0 s; each track type takes its own clip
 * fields: {@code text} (and {@code color}) for text, exactly one of {@code sourceUrl} or {@code
 * uploadId} for image and audio, exactly one of {@code color}, {@code sourceUrl} or {@code
 * uploadId} for video. An {@code uploadId} names a ready upload of the user's that the track can
 * play: a picture on an image track, {@code video/mp4} on a video track, {@code audio/wav} or
 * {@code audio/mpeg} on an audio track. {@code publishTo}: up to 5 {@code webhook} targets, each optionally scheduled with
 * {@code at} ({@link PublishTime}).
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
  private static final Set<String> CLIP =
      Set.of("start", "duration", "text", "sourceUrl", "uploadId", "color");
  private static final Set<String> TARGET = Set.of("platform", "url", "at");
  private static final Map<String, Set<String>> CLIP_FIELDS = Map.of(
      "text", Set.of("text", "color"),
      "image", Set.of("sourceUrl", "uploadId"),
      "audio", Set.of("sourceUrl", "uploadId"),
      "video", Set.of("sourceUrl", "uploadId", "color"));
  /**
   * The upload types each track plays, where narrower than the track's kind: the video model
   * reads MP4 (H.264) video, WAV and MP3 sound.
   */
  private static final Map<String, Set<String>> UPLOAD_TYPES = Map.of(
      "video", Set.of("video/mp4"),
      "audio", Set.of("audio/wav", "audio/mpeg"));

  private static final Pattern COLOR =
      Pattern.compile("#([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})");
  /** The normalized input shows an uploaded clip's {@code uploadId}, never its storage key. */
  private static final ObjectMapper JSON = new ObjectMapper()
      .setSerializationInclusion(JsonInclude.Include.NON_NULL)
      .addMixIn(TimelineClip.class, WithoutUpload.class);

  @JsonIgnoreProperties("upload")
  private interface WithoutUpload {}

  record Parsed(RenderInput input, JsonNode normalized) {}

  /** @param uploads resolves a clip's {@code uploadId} to the user's ready upload */
  static Parsed parse(JsonNode node, OutboundAddressPolicy policy, UploadResolver uploads) {
    InputReader in = new InputReader(node, "input", FIELDS);
    InputReader timelineFields = in.object("timeline", TIMELINE);
    Timeline timeline =
        timelineFields.isObject() ? timeline(timelineFields, policy, uploads) : null;
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
    return new Parsed(input, normalized(input, node));
  }

  /** The input as accepted, with each uploaded clip's {@code uploadId} as the user gave it. */
  private static JsonNode normalized(RenderInput input, JsonNode node) {
    JsonNode normalized = JSON.valueToTree(input);
    // Valid input: every track and clip read is an object, so the indices match the request's.
    JsonNode tracks = normalized.path("timeline").path("tracks");
    for (int t = 0; t < tracks.size(); t++) {
      JsonNode clips = tracks.get(t).path("clips");
      for (int c = 0; c < clips.size(); c++) {
        JsonNode uploadId =
            node.path("timeline").path("tracks").path(t).path("clips").path(c).path("uploadId");
        if (uploadId.isTextual()) {
          ((ObjectNode) clips.get(c)).put("uploadId", uploadId.asText());
        }
      }
    }
    return normalized;
  }

  private static Timeline timeline(
      InputReader in, OutboundAddressPolicy policy, UploadResolver uploads) {
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
          clips.add(clip(clip, type, duration, policy, uploads, sources));
        }
      }
      clipCount += clips.size();
      tracks.add(new TimelineTrack(type, List.copyOf(clips)));
    }
    if (clipCount > MAX_CLIPS) {
      in.reject("tracks", "must have at most " + MAX_CLIPS + " clips in all");
    }
    if (sources.size() > MAX_SOURCES) {
      in.reject(
          "tracks",
          "must use at most " + MAX_SOURCES + " different sources (sourceUrls and uploadIds)");
    }
    return new Timeline(width, height, fps, duration, List.copyOf(tracks));
  }

  private static TimelineClip clip(
      InputReader clip,
      String type,
      double timelineSeconds,
      OutboundAddressPolicy policy,
      UploadResolver uploads,
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
    for (String field : List.of("text", "sourceUrl", "uploadId", "color")) {
      if (clip.has(field) && !CLIP_FIELDS.get(type).contains(field)) {
        clip.reject(field, "is not used by a " + type + " clip");
      }
    }
    String text = clip.text("text", MAX_TEXT);
    String sourceUrl = clip.url("sourceUrl", policy);
    StagedFile upload =
        CLIP_FIELDS.get(type).contains("uploadId") ? upload(clip, type, uploads) : null;
    String color = clip.text("color", 9);
    if (color != null && !COLOR.matcher(color).matches()) {
      clip.reject("color", "must be #rgb, #rrggbb or #rrggbbaa");
    }
    switch (type) {
      case "text" -> requireField(clip, "text");
      case "image", "audio" -> {
        if (clip.has("sourceUrl") == clip.has("uploadId")) {
          clip.reject("an image or audio clip needs exactly one of sourceUrl or uploadId");
        }
      }
      default -> {
        if (Stream.of("color", "sourceUrl", "uploadId").filter(clip::has).count() != 1) {
          clip.reject("a video clip needs exactly one of color, sourceUrl or uploadId");
        }
      }
    }
    if (sourceUrl != null) {
      sources.add(sourceUrl);
    }
    if (upload != null) {
      // Keyed apart from URLs: an upload is a source of its own, however many clips use it.
      sources.add("upload " + upload.key());
    }
    return new TimelineClip(start, duration, text, sourceUrl, color, upload);
  }

  /**
   * The clip's upload, if it names one the track can play. Each upload is one input file of the
   * render job, named after its stored object, so that clips sharing it share the file and two
   * uploads never share a name.
   */
  private static StagedFile upload(InputReader clip, String type, UploadResolver uploads) {
    StagedFile resolved = clip.upload("uploadId", uploads, type, "upload");
    if (resolved == null) {
      return null;
    }
    String object = resolved.key().substring(resolved.key().lastIndexOf('/') + 1);
    StagedFile upload = new StagedFile(
        resolved.key(),
        "upload-" + object,
        resolved.contentType(),
        resolved.sizeBytes(),
        resolved.sha256(),
        resolved.metadata());
    Set<String> playable = UPLOAD_TYPES.get(type);
    if (playable != null && !playable.contains(upload.contentType())) {
      clip.reject(
          "uploadId",
          "must be an upload of " + String.join(" or ", playable) + " (what " + type
              + " tracks play); this one is " + upload.contentType());
      return null;
    }
    return upload;
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
