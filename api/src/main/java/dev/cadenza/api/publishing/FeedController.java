package dev.cadenza.api.publishing;

import dev.cadenza.api.paging.CursorCodec;
import dev.cadenza.api.paging.CursorPage;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The public feed: published generations of all users, newest published first, no key. */
@RestController
public class FeedController {
  private final PublishingService publishing;
  private final FeedView views;

  FeedController(PublishingService publishing, FeedView views) {
    this.publishing = publishing;
    this.views = views;
  }

  @GetMapping(path = "/v1/feed", produces = MediaType.APPLICATION_JSON_VALUE)
  public CursorPage<FeedItem> feed(
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
      @RequestParam(required = false) String cursor) {
    List<FeedEntry> page = publishing.feed(limit + 1, CursorCodec.decode(cursor));
    List<FeedEntry> shown = page.subList(0, Math.min(limit, page.size()));
    String next = page.size() > limit ? CursorCodec.encode(shown.getLast().feedSeq()) : null;
    return new CursorPage<>(shown.stream().map(views::of).toList(), next);
  }
}
