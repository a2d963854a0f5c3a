package dev.cadenza.generation.output;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;

/** Output of a {@code render}. */
@Schema(description = "Output of a `render`.")
public record RenderOutput(
    @Schema(requiredMode = RequiredMode.REQUIRED, description = "video/mp4 (H.264).")
    Asset video,

    @Schema(requiredMode = RequiredMode.REQUIRED, description = "image/png.")
    Asset thumbnail,

    @ArraySchema(arraySchema = @Schema(description = "One per `publishTo` target, in its order."))
    List<Publication> publications) {

  /** How sending the render to one {@code publishTo} target went. */
  @Schema(description = "How sending the render to one `publishTo` target went.")
  public record Publication(
      @Schema(
          requiredMode = RequiredMode.REQUIRED,
          allowableValues = "webhook",
          description = "The target's platform.")
      String platform,

      @Schema(requiredMode = RequiredMode.REQUIRED, format = "uri", description = "The target.")
      String url,

      @Schema(
          requiredMode = RequiredMode.REQUIRED,
          allowableValues = {"scheduled", "delivered", "failed", "canceled"},
          description = "How it went: `scheduled` waits for `at`; `canceled` was called off by"
              + " the user and is never sent.")
      String status,

      @Schema(
          format = "date-time",
          description = "When a scheduled one is (or was) due; absent otherwise.")
      String at,

      @Schema(
          types = {"integer", "null"},
          description = "The target's last HTTP status; null if it never answered.")
      Integer responseStatus,

      @Schema(
          types = {"string", "null"},
          description = "Why it failed; null otherwise.")
      String error) {}
}
