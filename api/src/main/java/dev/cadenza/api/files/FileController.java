package dev.cadenza.api.files;

import dev.cadenza.api.problem.ApiException;
import dev.cadenza.storage.ObjectInfo;
import dev.cadenza.storage.ObjectStorage;
import dev.cadenza.storage.UrlSigner;
import jakarta.servlet.http.HttpServletRequest;
import java.io.InputStream;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves local storage through signed, expiring URLs (S3 deployments hand out presigned URLs of
 * the bucket instead, and this endpoint answers 404). No API key: the signature is the grant.
 */
@RestController
public class FileController {
  static final String PREFIX = "/v1/files/";
  private final ObjectStorage storage;
  private final ObjectProvider<UrlSigner> signer;

  public FileController(ObjectStorage storage, ObjectProvider<UrlSigner> signer) {
    this.storage = storage;
    this.signer = signer;
  }

  @GetMapping(PREFIX + "**")
  public ResponseEntity<InputStreamResource> download(
      HttpServletRequest request,
      @RequestParam(required = false) String expires,
      @RequestParam(required = false) String signature) {
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
