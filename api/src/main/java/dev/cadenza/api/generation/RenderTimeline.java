package dev.cadenza.api.generation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cadenza.api.generation.input.PublishAt;
import dev.cadenza.api.generation.input.RenderInput;
import dev.cadenza.api.generation.input.RenderInput.Clip;
import dev.cadenza.api.generation.input.RenderInput.Track;
import dev.cadenza.api.problem.FieldProblem;
import dev.cadenza.api.problem.InvalidInputException;
import dev.cadenza.workflows.media.StagedFile;
import dev.cadenza.workflows.render.PublishTarget;
import dev.cadenza.workflows.render.Timeline;
import dev.cadenza.workflows.render.TimelineClip;
import dev.cadenza.workflows.render.TimelineTrack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a valid {@code render} input into the render workflow's: each clip's {@code uploadId}
 * becomes the user's ready upload, if the track can play it (a picture on an image track, {@code
 * video/mp4} on a video track, {@code audio/wav} or {@code audio/mpeg} on an audio track), and a
 * scheduled target's {@code at} the UTC instant it names.
 */
final class RenderTimeline {
  /**
   * The upload types each track plays, where narrower than the track's kind: the video model
   * reads MP4 (H.264) video, WAV and MP3 sound.
   */
  private static final Map<String, Set<String>> UPLOAD_TYPES = Map.of(
      "video", Set.of("video/mp4"),
      "audio", Set.of("audio/wav", "audio/mpeg"));

  /** The normalized input shows an uploaded clip's {@code uploadId}, never its storage key. */
  private static final ObjectMapper JSON = new ObjectMapper()
      .setSerializationInclusion(JsonInclude.Include.NON_NULL)
      .addMixIn(TimelineClip.class, WithoutUpload.class);

  @JsonIgnoreProperties("upload")
  private interface WithoutUpload {}

  record Prepared(dev.cadenza.workflows.render.RenderInput input, JsonNode normalized) {}

  /** @param uploads resolves a clip's {@code uploadId} to the user's ready upload */
  static Prepared prepare(RenderInput render, UploadResolver uploads) {
    List<FieldProblem> problems = new ArrayList<>();
    RenderInput.Timeline timeline = render.timeline();
    List<TimelineTrack> tracks = new ArrayList<>();
    for (int t = 0; t < timeline.trackList().size(); t++) {
      Track track = timeline.trackList().get(t);
      List<TimelineClip> clips = new ArrayList<>();
      for (int c = 0; c < track.clipList().size(); c++) {
        Clip clip = track.clipList().get(c);
        String field = "input.timeline.tracks[" + t + "].clips[" + c + "].uploadId";
        StagedFile upload = clip.uploadId() == null
            ? null
            : upload(field, clip.uploadId(), track.type(), uploads, problems);
        clips.add(new TimelineClip(
            clip.start().doubleValue(),
            clip.duration().doubleValue(),
            clip.text(),
            clip.sourceUrl(),
            clip.color(),
            upload));
      }
      tracks.add(new TimelineTrack(track.type(), List.copyOf(clips)));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    List<PublishTarget> targets = render.publishTo() == null
        ? List.of()
        : render.publishTo().stream()
            .map(p -> new PublishTarget(p.platform(), p.url(), PublishAt.Times.instant(p.at())))
            .toList();
    var input = new dev.cadenza.workflows.render.RenderInput(
        new Timeline(
            timeline.width().intValueExact(),
            timeline.height().intValueExact(),
            timeline.fps().intValueExact(),
            timeline.durationSeconds().doubleValue(),
            List.copyOf(tracks)),
        targets);
    return new Prepared(input, normalized(input, render));
  }

  /**
   * The clip's upload, if it names one the track can play. Each upload is one input file of the
   * render job, named after its stored object, so that clips sharing it share the file and two
   * uploads never share a name.
   */
  private static StagedFile upload(
      String field, String id, String type, UploadResolver uploads, List<FieldProblem> problems) {
    StagedFile resolved;
    try {
      resolved = uploads.resolve(field, id, type, "upload");
    } catch (UploadResolver.Refused e) {
      problems.add(new FieldProblem(field, e.getMessage()));
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
      problems.add(new FieldProblem(
          field,
          "must be an upload of " + String.join(" or ", playable) + " (what " + type
              + " tracks play); this one is " + upload.contentType()));
      return null;
    }
    return upload;
  }

  /** The input as accepted, with each uploaded clip's {@code uploadId} as the user gave it. */
  private static JsonNode normalized(
      dev.cadenza.workflows.render.RenderInput input, RenderInput request) {
    JsonNode normalized = JSON.valueToTree(input);
    JsonNode tracks = normalized.path("timeline").path("tracks");
    List<Track> requested = request.timeline().trackList();
    for (int t = 0; t < tracks.size(); t++) {
      JsonNode clips = tracks.get(t).path("clips");
      for (int c = 0; c < clips.size(); c++) {
        String uploadId = requested.get(t).clipList().get(c).uploadId();
        if (uploadId != null) {
          ((ObjectNode) clips.get(c)).put("uploadId", uploadId);
        }
      }
    }
    return normalized;
  }

  private RenderTimeline() {}
}
