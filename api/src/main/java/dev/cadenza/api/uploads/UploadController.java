package dev.cadenza.api.uploads;

import dev.cadenza.api.auth.AuthenticatedUser;
import dev.cadenza.api.paging.CursorCodec;
import dev.cadenza.api.paging.CursorPage;
import dev.cadenza.api.problem.ApiException;
import dev.cadenza.upload.Upload;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Uploads of API.md: create (with a presigned PUT), complete, read, list. Own ones only. */
@RestController
@RequestMapping(path = "/v1/uploads", produces = MediaType.APPLICATION_JSON_VALUE)
public class UploadController {
  private final UploadService uploads;

  public UploadController(UploadService uploads) {
    this.uploads = uploads;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<UploadView> create(
      @AuthenticationPrincipal AuthenticatedUser user, @RequestBody CreateUploadRequest request) {
    UploadService.Created created = uploads.create(user.id(), request);
    return ResponseEntity.created(URI.create("/v1/uploads/" + created.upload().id()))
        .body(UploadView.of(created.upload(), created.put()));
  }

  @PostMapping("/{id}/complete")
  public UploadView complete(
      @AuthenticationPrincipal AuthenticatedUser user, @PathVariable String id) {
    return UploadView.of(uploads.complete(user.id(), id));
  }

  @GetMapping("/{id}")
  public UploadView get(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable String id) {
    return UploadView.of(uploads.owned(user.id(), id));
  }

  @GetMapping
  public CursorPage<UploadView> list(
      @AuthenticationPrincipal AuthenticatedUser user,
      @RequestParam(defaultValue = "20") String limit,
      @RequestParam(required = false) String cursor) {
    int size = limit(limit);
    List<Upload> page = uploads.list(user.id(), size + 1, CursorCodec.decode(cursor));
    List<Upload> shown = page.subList(0, Math.min(size, page.size()));
    String next =
        page.size() > size ? CursorCodec.encode(shown.get(shown.size() - 1).seq()) : null;
    return new CursorPage<>(shown.stream().map(UploadView::of).toList(), next);
  }

  private static int limit(String limit) {
    try {
      int value = Integer.parseInt(limit);
      if (value >= 1 && value <= 100) {
        return value;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw ApiException.invalidField("limit", "must be a whole number between 1 and 100");
  }
}
