package dev.cadenza.api.files;

import dev.cadenza.api.problem.ApiException;
import dev.cadenza.api.problem.ProblemCode;
import dev.cadenza.storage.LocalObjectStorage;
import dev.cadenza.storage.ObjectInfo;
import dev.cadenza.storage.ObjectStorage;
import dev.cadenza.storage.UrlSigner;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves local storage through signed, expiring URLs, and takes uploads through signed PUT URLs (S3 deployments hand out presigned URLs of
 * the bucket instead, and this endpoint answers 404). No API key: the signature is the grant.
 */
@RestController
@Tag(
    name = "Files",
    description = "Signed, expiring downloads of generated media, and signed uploads (no key).")
@SecurityRequirements // the signature is the grant
public class FileController {
  static final String PREFIX = "/v1/files/";
  private final ObjectStorage storage;
  private final ObjectProvider<UrlSigner> signer;

  public FileController(ObjectStorage storage, ObjectProvider<UrlSigner> signer) {
    this.storage = storage;
    this.signer = signer;
  }

  @Operation(
      operationId = "downloadFile",
      summary = "Download a file",
      description =
          "A signed, expiring download URL of generated media; the signature is the grant.")
  @ApiResponse(
      responseCode = "403",
      description = "`INVALID_SIGNATURE`: the link is invalid or has expired.")
  @ApiResponse(responseCode = "200", description = "The file.")
  @GetMapping(PREFIX + "**")
  public ResponseEntity<InputStreamResource> download(
      HttpServletRequest request,
      @Parameter(description = "Part of the signed URL.") @RequestParam(required = false)
          String expires,
      @Parameter(description = "Part of the signed URL.") @RequestParam(required = false)
          String signature) {
    UrlSigner urls = signer.getIfAvailable();
    String key = request.getRequestURI().substring(PREFIX.length());
    if (urls == null) {
      throw ApiException.notFound("File");
    }
    long expiry = parse(expires);
    if (signature == null || !urls.verify(key, expiry, signature)) {
      throw new ApiException(
          HttpStatus.FORBIDDEN,
          "INVALID_SIGNATURE",
          "The download link is invalid or has expired.");
    }
    Optional<ObjectInfo> info;
    try {
      info = storage.stat(key);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("File");
    }
    ObjectInfo file = info.orElseThrow(() -> ApiException.notFound("File"));
    InputStream content = storage.open(key);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(file.contentType()))
        .contentLength(file.sizeBytes())
        .cacheControl(CacheControl.noStore())
        .body(new InputStreamResource(content));
  }

  /**
   * The local stand-in for an S3 presigned PUT ({@link LocalObjectStorage#presignUpload}): the
   * signature covers key, content type and size, and expires. The body must have the signed
   * content type and is streamed to a temporary file, stopping past the signed size (413), then
   * put in storage whole, so a reader never sees part of it.
   */
  @Operation(
      operationId = "uploadFile",
      summary = "Send an upload's bytes",
      description = "The service's own signed upload URL (local storage; with S3 the bucket's"
          + " presigned URL is used instead). The body must have the signed `Content-Type` and at"
          + " most the signed size.")
  @ApiResponse(
      responseCode = "403",
      description = "`INVALID_SIGNATURE`: the link is invalid or has expired.")
  @ApiResponse(
      responseCode = "413",
      description = "`PAYLOAD_TOO_LARGE`: more bytes than the upload declared.")
  @ApiResponse(
      responseCode = "415",
      description = "`UNSUPPORTED_MEDIA_TYPE`: another `Content-Type` than the upload declared.")
  @ApiResponse(responseCode = "200", description = "Stored.")
  @PutMapping(PREFIX + "**")
  public ResponseEntity<Void> upload(
      HttpServletRequest request,
      @Parameter(description = "Part of the signed upload URL: the only `Content-Type` it takes.")
          @RequestParam(required = false)
          String contentType,
      @Parameter(description = "Part of the signed upload URL: the most bytes it takes.")
          @RequestParam(required = false)
          String size,
      @Parameter(description = "Part of the signed URL.") @RequestParam(required = false)
          String expires,
      @Parameter(description = "Part of the signed URL.") @RequestParam(required = false)
          String signature)
      throws IOException {
    UrlSigner urls = signer.getIfAvailable();
    String key = request.getRequestURI().substring(PREFIX.length());
    if (urls == null) {
      throw ApiException.notFound("File");
    }
    long expiry = parse(expires);
    long limit = parse(size);
    if (contentType == null
        || signature == null
        || !urls.verify(
            LocalObjectStorage.uploadScope(key, contentType, limit), expiry, signature)) {
      throw new ApiException(
          HttpStatus.FORBIDDEN, "INVALID_SIGNATURE", "The upload link is invalid or has expired.");
    }
    if (!contentType.equals(request.getContentType())) {
      throw new ApiException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          ProblemCode.UNSUPPORTED_MEDIA_TYPE,
          "This upload link takes Content-Type " + contentType + " only.");
    }
    if (request.getContentLengthLong() > limit) {
      throw new ApiException(
          HttpStatus.PAYLOAD_TOO_LARGE,
          ProblemCode.PAYLOAD_TOO_LARGE,
          "This upload link takes at most " + limit + " bytes.");
    }
    Path file = Files.createTempFile("put-", ".part");
    try {
      long received = 0;
      byte[] buffer = new byte[64 * 1024];
      try (InputStream body = request.getInputStream();
          OutputStream out = Files.newOutputStream(file)) {
        for (int n; (n = body.read(buffer)) > 0; ) {
          received += n;
          // Stop reading at the first byte past the signed size: nothing more is kept.
          if (received > limit) {
            throw new ApiException(
                HttpStatus.PAYLOAD_TOO_LARGE,
                ProblemCode.PAYLOAD_TOO_LARGE,
                "This upload link takes at most " + limit + " bytes.");
          }
          out.write(buffer, 0, n);
        }
      }
      storage.put(key, file, contentType);
    } finally {
      Files.deleteIfExists(file);
    }
    return ResponseEntity.ok().build();
  }

  private static long parse(String expires) {
    try {
      return Long.parseLong(expires);
    } catch (NumberFormatException | NullPointerException e) {
      throw new ApiException(
          HttpStatus.FORBIDDEN,
          "INVALID_SIGNATURE",
          "The download link is invalid or has expired.");
    }
  }
}
