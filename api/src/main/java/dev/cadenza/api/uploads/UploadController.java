package dev.cadenza.api.uploads;

import dev.cadenza.api.auth.AuthenticatedUser;
import dev.cadenza.api.paging.CursorCodec;
import dev.cadenza.api.paging.CursorPage;
import dev.cadenza.api.problem.ApiException;
import dev.cadenza.upload.Upload;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(
    name = "Uploads",
    description = "Files the caller uploads straight to storage to use as generation inputs (a"
        + " user's key).")
@RequestMapping(path = "/v1/uploads", produces = MediaType.APPLICATION_JSON_VALUE)
public class UploadController {
  private final UploadService uploads;

  public UploadController(UploadService uploads) {
    this.uploads = uploads;
  }

  @Operation(
      operationId = "createUpload",
      summary = "Create an upload",
      description = "Declares a file (`contentType`: image/png, image/jpeg, image/webp, audio/wav,"
          + " audio/mpeg or video/mp4; `sizeBytes` within the type's limit) and answers 201 with"
          + " where to send its bytes: `method` to `uploadUrl` with `headers`, before `expiresAt`"
          + " (15 min). Then complete it.")
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<UploadView> create(
      @AuthenticationPrincipal AuthenticatedUser user, @RequestBody CreateUploadRequest request) {
    UploadService.Created created = uploads.create(user.id(), request);
    return ResponseEntity.created(URI.create("/v1/uploads/" + created.upload().id()))
        .body(UploadView.of(created.upload(), created.put()));
  }

  @Operation(
      operationId = "completeUpload",
      summary = "Complete an upload",
      description = "Checks that the bytes arrived, have the declared size and really are of the"
          + " declared type (pictures decoded, sound and video probed); answers the upload,"
          + " `ready`, with its `sha256`. Unused uploads are deleted after 24 h.")
  @ApiResponse(
      responseCode = "409",
      description = "`UPLOAD_NOT_RECEIVED`: no bytes yet (send them, then complete again);"
          + " `CONFLICT`: completed before, refused or expired.")
  @ApiResponse(
      responseCode = "422",
      description = "`UPLOAD_INVALID`: the bytes are not of the declared type or size; the object"
          + " is deleted.")
  @ApiResponse(responseCode = "200", description = "The upload, `ready`.")
  @PostMapping("/{id}/complete")
  public UploadView complete(
      @AuthenticationPrincipal AuthenticatedUser user, @PathVariable String id) {
    return UploadView.of(uploads.complete(user.id(), id));
  }

  @Operation(
      operationId = "getUpload",
      summary = "Get an upload",
      description = "One of the caller's uploads.")
  @GetMapping("/{id}")
  public UploadView get(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable String id) {
    return UploadView.of(uploads.owned(user.id(), id));
  }

  @Operation(
      operationId = "listUploads",
      summary = "List uploads",
      description = "The caller's uploads, newest first, paged by `cursor`.")
  @GetMapping
  public CursorPage<UploadView> list(
      @AuthenticationPrincipal AuthenticatedUser user,
      @Parameter(description = "Page size, 1 to 100 (default 20).")
          @RequestParam(defaultValue = "20")
          String limit,
      @Parameter(description = "The `nextCursor` of the previous page; absent for the first page.")
          @RequestParam(required = false)
          String cursor) {
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
