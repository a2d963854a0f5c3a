package dev.cadenza.api.generation.input;

import dev.cadenza.api.validation.Decimal;
import dev.cadenza.api.validation.KnownFieldsOnly;
import dev.cadenza.api.validation.PublicUrl;
import dev.cadenza.api.validation.Text;
import dev.cadenza.api.validation.WholeNumber;
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
@Schema(name = "RenderInput")
public record RenderInput(
    @NotNull(message = "is required") @Valid @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
    Timeline timeline,

    @Size(max = MAX_TARGETS, message = "must have at most " + MAX_TARGETS + " items")
    @ArraySchema(maxItems = MAX_TARGETS)
    List<@NotNull(message = "is required") @Valid PublishTarget> publishTo)
    implements GenerationInput {
  public static final String TYPE = "render";
  public static final int MAX_TARGETS = 5;

  /**
   * The video's frame, length and tracks: {@code width} and {@code height} even, 64..1920, at most
   * 1920 x 1080 pixels; {@code fps} 1..60; {@code durationSeconds} 0.5..60; up to 16 tracks and
   * 200 clips with up to 16 different sources (URLs and uploads together).
   */
  @KnownFieldsOnly
  @TimelineRules
  @Schema(name = "Timeline", description = "At most 1920 x 1080 pixels; even sides.")
  public record Timeline(
      @NotNull(message = "is required")
      @WholeNumber(min = MIN_SIDE, max = MAX_SIDE)
      @Schema(
          type = "integer",
          minimum = "64",
          maximum = "1920",
          requiredMode = Schema.RequiredMode.REQUIRED)
      BigDecimal width,

      @NotNull(message = "is required")
      @WholeNumber(min = MIN_SIDE, max = MAX_SIDE)
      @Schema(
          type = "integer",
          minimum = "64",
          maximum = "1920",
          requiredMode = Schema.RequiredMode.REQUIRED)
      BigDecimal height,

      @NotNull(message = "is required")
      @WholeNumber(min = 1, max = 60)
      @Schema(
          type = "integer",
          minimum = "1",
          maximum = "60",
          requiredMode = Schema.RequiredMode.REQUIRED)
      BigDecimal fps,

      @NotNull(message = "is required")
      @Decimal(min = "0.5", max = "60")
      @Schema(
          type = "number",
          minimum = "0.5",
          maximum = "60",
          requiredMode = Schema.RequiredMode.REQUIRED)
      BigDecimal durationSeconds,

      @Size(max = MAX_TRACKS, message = "must have at most " + MAX_TRACKS + " items")
      @ArraySchema(maxItems = MAX_TRACKS)
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
  @Schema(name = "TimelineTrack")
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
  @Schema(
      name = "TimelineClip",
      description = "text: `text` (and `color`); image and audio: one of `sourceUrl` or"
          + " `uploadId`; video: one of `color`, `sourceUrl` or `uploadId`. An `uploadId` names a"
          + " ready upload the track plays: a picture on an image track, `video/mp4` on a video"
          + " track, `audio/wav` or `audio/mpeg` on an audio track.")
  public record Clip(
      @NotNull(message = "is required")
      @Decimal(min = "0", max = "60")
      @Schema(
          type = "number",
          minimum = "0",
          maximum = "60",
          requiredMode = Schema.RequiredMode.REQUIRED)
      BigDecimal start,

      @NotNull(message = "is required")
      @Decimal(min = "0.001", max = "60")
      @Schema(
          type = "number",
          minimum = "0.001",
          maximum = "60",
          requiredMode = Schema.RequiredMode.REQUIRED)
      BigDecimal duration,

      @Text(max = MAX_CLIP_TEXT) @Schema(maxLength = MAX_CLIP_TEXT)
      String text,

      @PublicUrl @Schema(format = "uri", maxLength = PublicUrl.MAX)
      String sourceUrl,

      @Text(max = MAX_ID) @Schema(maxLength = MAX_ID) String uploadId,

      @Text(max = 9)
      @Pattern(regexp = COLOR, message = "must be #rgb, #rrggbb or #rrggbbaa")
      @Schema(pattern = COLOR)
      String color) {
    public static final int MAX_CLIP_TEXT = 500;
    public static final String COLOR = "#([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})";
  }

  /**
   * Where the stored video is sent: a {@code webhook} URL, at once or, with {@code at}, at that
   * time (an RFC 3339 date-time in the future, at most 30 days ahead).
   */
  @KnownFieldsOnly
  @Schema(name = "PublishTarget")
  public record PublishTarget(
      @NotNull(message = "is required")
      @Text(max = 50)
      @Pattern(regexp = "webhook", message = "must be webhook")
      @Schema(allowableValues = "webhook", requiredMode = Schema.RequiredMode.REQUIRED)
      String platform,

      @NotNull(message = "is required")
      @PublicUrl
      @Schema(
          format = "uri",
          maxLength = PublicUrl.MAX,
          requiredMode = Schema.RequiredMode.REQUIRED)
      String url,

      @PublishAt
      @Schema(
          format = "date-time",
          description =
              "When to publish: in the future, at most 30 days ahead. Absent: at" + " once.")
      String at) {}
}
