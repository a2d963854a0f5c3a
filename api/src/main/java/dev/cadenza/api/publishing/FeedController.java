package dev.cadenza.api.publishing;

import dev.cadenza.api.paging.CursorCodec;
import dev.cadenza.api.paging.CursorPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The public feed: published generations of all users, newest published first, no key. */
@RestController
@Tag(name = "Public", description = "Published generations of all users and their files (no key).")
@SecurityRequirements // no key
public class FeedController {
  private final PublishingService publishing;
  private final FeedView views;

  FeedController(PublishingService publishing, FeedView views) {
    this.publishing = publishing;
    this.views = views;
  }

  @Operation(
      operationId = "listFeed",
      summary = "Public feed",
      description = "Published generations of all users, newest published first, paged by"
          + " `cursor`, with public URLs for their files. Nothing about who made them, nor their"
          + " input.")
  @ApiResponse(
      responseCode = "200",
      description = "One page.",
      content = @Content(schema = @Schema(implementation = FeedItem.Page.class)))
  @GetMapping(path = "/v1/feed", produces = MediaType.APPLICATION_JSON_VALUE)
  public CursorPage<FeedItem> feed(
      @Parameter(description = "Page size, 1 to 100 (default 20).")
          @RequestParam(defaultValue = "20")
          @Min(1)
          @Max(100)
          int limit,
      @Parameter(description = "The `nextCursor` of the previous page; absent for the first page.")
          @RequestParam(required = false)
          String cursor) {
    List<FeedEntry> page = publishing.feed(limit + 1, CursorCodec.decode(cursor));
    List<FeedEntry> shown = page.subList(0, Math.min(limit, page.size()));
    String next = page.size() > limit ? CursorCodec.encode(shown.getLast().feedSeq()) : null;
    return new CursorPage<>(shown.stream().map(views::of).toList(), next);
  }
}
