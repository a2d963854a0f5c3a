package dev.cadenza.api.uploads;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cadenza.storage.PresignedUpload;
import dev.cadenza.upload.Upload;
import java.time.Instant;
import java.util.Map;

/**
 * An upload as API.md shows it. The PUT fields ({@code uploadUrl}, {@code method}, {@code
 * headers}) are only in the answer to its creation: the URL is a grant, shown once. {@code sha256}
 * is there once it is ready.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UploadView(
    String id,
    String status,
    String contentType,
    long sizeBytes,
    String filename,
    String sha256,
    Map<String, String> metadata,
    String uploadUrl,
    String method,
    Map<String, String> headers,
    Instant expiresAt,
    Instant createdAt,
    Instant completedAt) {

  static UploadView of(Upload upload) {
    return of(upload, null);
  }

  static UploadView of(Upload upload, PresignedUpload put) {
    return new UploadView(
        upload.id(),
        upload.status(),
        upload.contentType(),
        upload.sizeBytes(),
        upload.filename(),
        upload.sha256(),
        upload.metadata(),
        put == null ? null : put.url().toString(),
        put == null ? null : put.method(),
        put == null ? null : put.headers(),
        upload.expiresAt(),
        upload.createdAt(),
        upload.completedAt());
  }
}
