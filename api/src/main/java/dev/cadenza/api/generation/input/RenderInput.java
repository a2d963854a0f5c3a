package dev.cadenza.api.generation.input;

import dev.cadenza.api.validation.Decimal;
import dev.cadenza.api.validation.KnownFieldsOnly;
import dev.cadenza.api.validation.PublicUrl;
import dev.cadenza.api.validation.Text;
import dev.cadenza.api.validation.WholeNumber;
import dev.cadenza.workflows.generation.GenerationType;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;

/**
 * A {@code render} input: a timeline and where to publish the video. Each record checks its own
 * fields; the rules between them (what each track type's clips take, the frame and source
 * limits) are the timeline's ({@link TimelineRules}); whether an upload id names a ready upload
 * a track can play is the create path's (it needs the database).
 */
@KnownFieldsOnly
@Schema(
    name = "RenderInput",
    description = "Input of a `render`: a timeline rendered to an H.264 MP4 and a PNG"
        + " thumbnail; `publishTo` targets get it once it is done (a failed publication is"
        + " reported in `output.publications`, the render still succeeds).")
public record RenderInput(
    @NotNull(message = "is required") @Valid @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
    Timeline timeline,

    @Size(max = MAX_TARGETS, message = "must have at most " + MAX_TARGETS + " items")
    @ArraySchema(maxItems = MAX_TARGETS, arraySchema = @Schema(description = "Up to 5 targets."))
    List<@NotNull(message = "is required") @Valid PublishTarget> publishTo)
    implements GenerationInput {
  public static final String TYPE = GenerationType.Names.RENDER;
  public static final int MAX_TARGETS = 5;

  /**
   * The video's frame, length and tracks: {@code width} and {@code height} even, 64..1920, at most
   * 1920 x 1080 pixels; {@code fps} 1..60; {@code durationSeconds} 0.5..60; up to 16 tracks and
   * 200 clips with up to 16 different sources (URLs and uploads together).
   */
  @KnownFieldsOnly
  @TimelineRules
  @Schema(name = "Timeline", description = "What to render.")
  public record Timeline(
      @NotNull(message = "is required")
      @WholeNumber(min = MIN_SIDE, max = MAX_SIDE)
      @Schema(
          description = "Even, 64 to 1920; at most 1920 x 1080 pixels.",
          requiredMode = Schema.RequiredMode.REQUIRED)
      BigDecimal width,

      @NotNull(message = "is required")
      @WholeNumber(min = MIN_SIDE, max = MAX_SIDE)
      @Schema(description = "Even, 64 to 1920.", requiredMode = Schema.RequiredMode.REQUIRED)
      BigDecimal height,

      @NotNull(message = "is required")
      @WholeNumber(min = 1, max = 60)
      @Schema(description = "1 to 60.", requiredMode = Schema.RequiredMode.REQUIRED)
      BigDecimal fps,

      @NotNull(message = "is required")
      @Decimal(min = "0.5", max = "60")
      @Schema(description = "0.5 to 60.", requiredMode = Schema.RequiredMode.REQUIRED)
      BigDecimal durationSeconds,

      @Size(max = MAX_TRACKS, message = "must have at most " + MAX_TRACKS + " items")
      @ArraySchema(
          maxItems = MAX_TRACKS,
          arraySchema =
              @Schema(
                  description = "Up to 16 tracks, 200 clips and 16 different sources"
                      + " (sourceUrls and uploadIds together)."))
      List<@NotNull(message = "is required") @Valid Track> tracks) {
    public static final int MIN_SIDE = 64;
    public static final int MAX_SIDE = 1920;
    public static final int MAX_PIXELS = 1920 * 1080;
    public static final int MAX_TRACKS = 16;
    public static final int MAX_CLIPS = 200;
    public static final int MAX_SOURCES = 16;

    /** The tracks, none when absent. */
    public List<Track> trackList() {
      return tracks == null ? List.of() : tracks;
    }
  }

  /** A track: its type says what its clips show and which clip fields they take. */
  @KnownFieldsOnly
  @Schema(name = "TimelineTrack", description = "A track; the first is drawn at the bottom.")
  public record Track(
      @NotNull(message = "is required")
      @Text(max = 10)
      @Pattern(
          regexp = "video|image|text|audio",
          message = "must be one of video, image, text, audio")
      @Schema(
          allowableValues = {"video", "image", "text", "audio"},
          requiredMode = Schema.RequiredMode.REQUIRED)
      String type,

      @Size(
          max = Timeline.MAX_CLIPS,
          message = "must have at most " + Timeline.MAX_CLIPS + " items")
      @ArraySchema(maxItems = Timeline.MAX_CLIPS)
      List<@NotNull(message = "is required") @Valid Clip> clips) {

    /** The clips, none when absent. */
    public List<Clip> clipList() {
      return clips == null ? List.of() : clips;
    }
  }

  /**
   * A clip: when ({@code start}, {@code duration}) and what it shows. A text clip takes {@code
   * text} (and {@code color}); an image or audio clip exactly one of {@code sourceUrl} or {@code
   * uploadId}; a video clip exactly one of {@code color}, {@code sourceUrl} or {@code uploadId}.
   */
  @KnownFieldsOnly
  @Schema(name = "TimelineClip", description = "A clip, in seconds from the start of the timeline.")
  public record Clip(
      @NotNull(message = "is required")
      @Decimal(min = "0", max = "60")
      @Schema(
          description = "0 or more, before the end.",
          requiredMode = Schema.RequiredMode.REQUIRED)
      BigDecimal start,

      @NotNull(message = "is required")
      @Decimal(min = "0.001", max = "60")
      @Schema(description = "More than 0.", requiredMode = Schema.RequiredMode.REQUIRED)
      BigDecimal duration,

      @Text(max = MAX_CLIP_TEXT) @Schema(description = "Text clips: what to show.")
      String text,

      @PublicUrl
      @Schema(
          description = "Image (PNG/JPEG), audio (WAV, MP3) and video (MP4) clips: the file,"
              + " fetched by the service (http(s), public addresses). Exactly one of"
              + " `sourceUrl` and `uploadId` on image and audio clips; video clips take one"
              + " of `color`, `sourceUrl` and `uploadId`.",
          format = "uri",
          maxLength = PublicUrl.MAX)
      String sourceUrl,

      @Text(max = MAX_ID)
      @Schema(
          description = "Image, audio and video clips: a ready upload of the caller's"
              + " (`upl_...`), read from storage, never fetched. It must be what the track"
              + " plays: an image upload on an image track, `video/mp4` on a video track,"
              + " `audio/wav` or `audio/mpeg` on an audio track; otherwise, or when it is"
              + " not ready or not the caller's, 422 naming the clip's `uploadId`. Several"
              + " clips may use the same upload; the 16 different sources of a timeline"
              + " count URLs and uploads together. The upload is kept from then on (not"
              + " deleted after 24 h).",
          example = "upl_3f9a0c1d2e4b5a6978")
      String uploadId,

      @Text(max = 9)
      @Pattern(regexp = COLOR, message = "must be #rgb, #rrggbb or #rrggbbaa")
      @Schema(description = "#rgb, #rrggbb or #rrggbbaa: video and text clips.", pattern = COLOR)
      String color) {
    public static final int MAX_CLIP_TEXT = 500;
    public static final String COLOR = "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$";
  }

  /**
   * Where the stored video is sent: a {@code webhook} URL, at once or, with {@code at}, at that
   * time (an RFC 3339 date-time in the future, at most 30 days ahead).
   */
  @KnownFieldsOnly
  @Schema(name = "PublishTarget", description = "Where to send the finished render.")
  public record PublishTarget(
      @NotNull(message = "is required")
      @Text(max = 50)
      @Pattern(regexp = "webhook", message = "must be webhook")
      @Schema(allowableValues = "webhook", requiredMode = Schema.RequiredMode.REQUIRED)
      String platform,

      @NotNull(message = "is required")
      @PublicUrl
      @Schema(
          description = "Receives a signed POST with download links.",
          format = "uri",
          maxLength = PublicUrl.MAX,
          requiredMode = Schema.RequiredMode.REQUIRED)
      String url,

      @PublishAt
      @Schema(
          description = "Send it at this time instead of once the render is stored: RFC"
              + " 3339, in the future, at most 30 days ahead. The generation succeeds (and"
              + " is charged) when its media is stored; this publication shows as"
              + " `scheduled` until then and can be canceled with"
              + " `DELETE /v1/generations/{id}/publications/{index}`.",
          format = "date-time")
      String at) {}
}
