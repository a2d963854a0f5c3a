package dev.cadenza.api.publishing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadenza.generation.output.Outputs;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;

/**
 * A published generation as anyone sees it in the feed: its output with public URLs, nothing of
 * its owner, input, cost or steps. The output is the stored document ({@link FeedView}); its
 * schema is one of the records of {@code generation.output}.
 */
@Schema(
    name = "FeedItem",
    description = "A published generation as anyone sees it: its output with public URLs (no key"
        + " needed), and nothing of its owner, input, cost or steps.")
public record FeedItem(
    @Schema(
        requiredMode = RequiredMode.REQUIRED,
        description = "The generation's id.",
        example = "gen_7f3a9c2e1b")
    String id,

    @Schema(
        requiredMode = RequiredMode.REQUIRED,
        allowableValues = {"song", "image", "image-to-3d", "render"},
        description = "What was generated.")
    String type,

    @Schema(allowableValues = "succeeded", description = "Always succeeded.")
    String status,

    @Schema(description = "Always true.") boolean published,

    @Schema(requiredMode = RequiredMode.REQUIRED, implementation = Outputs.Any.class)
    JsonNode output,

    @Schema(format = "date-time", description = "RFC 3339, UTC.")
    String createdAt,

    @Schema(format = "date-time", description = "RFC 3339, UTC.")
    String completedAt,

    @Schema(
        requiredMode = RequiredMode.REQUIRED,
        format = "date-time",
        description = "RFC 3339, UTC.")
    String publishedAt) {

  /** The schema of a page of {@code GET /v1/feed} ({@code CursorPage} is generic). */
  @Schema(name = "FeedPage", description = "One page of the feed, newest published first.")
  public record Page(
      @Schema(requiredMode = RequiredMode.REQUIRED) List<FeedItem> data,

      @Schema(
          types = {"string", "null"},
          description = "Pass as `cursor` for the next page; null on the last page.")
      String nextCursor) {}
}
