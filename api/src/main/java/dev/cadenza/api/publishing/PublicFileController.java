package dev.cadenza.api.publishing;

import dev.cadenza.api.problem.ApiException;
import dev.cadenza.api.problem.ProblemCode;
import dev.cadenza.generation.PublicUrls;
import dev.cadenza.storage.ObjectInfo;
import dev.cadenza.storage.ObjectStorage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the files of published generations at their public URLs ({@link PublicUrls}), without
 * a key. Whether the generation is published is asked of the database on every request, and the
 * bytes come from storage through the API (local or S3), so unpublishing closes the URL at once;
 * an unpublished generation's files answer 404 here and stay reachable only through signed URLs.
 * Only files its output names are served, never anything else under its storage prefix.
 */
@RestController
@Tag(name = "Public")
@SecurityRequirements // no key
public class PublicFileController {
  private final PublishedGenerations published;
  private final ObjectStorage storage;

  PublicFileController(PublishedGenerations published, ObjectStorage storage) {
    this.published = published;
    this.storage = storage;
  }

  @Operation(
      operationId = "downloadPublishedFile",
      summary = "Download a published file",
      description = "A file of a published generation, without a key, while it is published"
          + " (checked on every request): unpublished, it answers 404. Supports `Range` and"
          + " `If-None-Match` (the ETag is the file's sha256).")
  @ApiResponse(
      responseCode = "416",
      description = "`RANGE_NOT_SATISFIABLE`: the `Range` is outside the file.")
  @ApiResponse(responseCode = "200", description = "The file, or the asked part of it.")
  @GetMapping(PublicUrls.PREFIX + "{id}/{file}")
  public ResponseEntity<Resource> download(
      @PathVariable String id,
      @PathVariable String file,
      @Parameter(description = "Only these bytes, as media players ask (`bytes=0-1023`).")
          @RequestHeader(name = HttpHeaders.RANGE, required = false)
          String range) {
    PublishedGenerations.PublishedFile asset =
        published.publishedFile(id, file).orElseThrow(() -> ApiException.notFound("File"));
    String key = asset.key();
    ObjectInfo info = storage.stat(key).orElseThrow(() -> ApiException.notFound("File"));
    Resource content = new StoredObjectResource(storage, key, info.sizeBytes());
    checkRange(range, content, info.sizeBytes());
    ResponseEntity.BodyBuilder answer = ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(info.contentType()))
        // Caches must ask again every time: an unpublished file must not outlive its publication.
        .cacheControl(CacheControl.noCache())
        // Never rendered as a page of this origin, whatever the file holds.
        .header("Content-Security-Policy", "default-src 'none'; sandbox");
    String sha256 = asset.sha256();
    if (!sha256.isEmpty()) {
      answer.eTag(sha256); // an unchanged file answers If-None-Match with 304
    }
    return answer.body(content);
  }

  /**
   * Spring MVC answers a range it cannot satisfy with 416 and the whole file; refuse it here as a
   * problem instead.
   */
  private static void checkRange(String range, Resource content, long sizeBytes) {
    if (range == null) {
      return;
    }
    try {
      HttpRange.toResourceRegions(HttpRange.parseRanges(range), content);
    } catch (IllegalArgumentException e) {
      throw new ApiException(
          HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
          ProblemCode.RANGE_NOT_SATISFIABLE,
          "The requested range is not within the file's " + sizeBytes + " bytes.");
    }
  }
}
