package dev.cadenza.storage;

import static dev.cadenza.storage.StorageArguments.requireContentType;
import static dev.cadenza.storage.StorageArguments.requireKey;
import static dev.cadenza.storage.StorageArguments.requirePositive;
import static dev.cadenza.storage.StorageArguments.requirePrefix;

import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * {@link ObjectStorage} on an S3-compatible service (AWS S3, MinIO, Backblaze B2, Cloudflare R2)
 * through the AWS SDK v2. Signed URLs are presigned GETs that the service itself checks.
 *
 * <p>Build one with {@link S3Connections#open}; it owns the clients it is given and closes them.
 * Objects are uploaded in one request, so a single object is limited to S3's 5 GB.
 */
public final class S3ObjectStorage implements ObjectStorage, AutoCloseable {

  /** S3's maximum for both ListObjectsV2 and DeleteObjects. */
  static final int MAX_PAGE_SIZE = 1000;

  private static final int NOT_FOUND = 404;
  private static final String FALLBACK_CONTENT_TYPE = "application/octet-stream";

  private final S3Client s3;
  private final S3Presigner presigner;
  private final String bucket;
  private final int pageSize;

  public S3ObjectStorage(S3Client s3, S3Presigner presigner, String bucket) {
    this(s3, presigner, bucket, MAX_PAGE_SIZE);
  }

  /** A smaller {@code pageSize} lets tests cover paging without thousands of objects. */
  S3ObjectStorage(S3Client s3, S3Presigner presigner, String bucket, int pageSize) {
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("pageSize must be 1.." + MAX_PAGE_SIZE);
    }
    this.s3 = s3;
    this.presigner = presigner;
    this.bucket = bucket;
    this.pageSize = pageSize;
  }

  @Override
  public void put(String key, Path file, String contentType) {
    putBody(key, RequestBody.fromFile(file), contentType);
  }

  @Override
  public void put(String key, byte[] bytes, String contentType) {
    putBody(key, RequestBody.fromBytes(bytes), contentType);
  }

  private void putBody(String key, RequestBody body, String contentType) {
    requireKey(key);
    requireContentType(contentType);
    s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), body);
  }

  @Override
  public InputStream open(String key) {
    requireKey(key);
    try {
      return s3.getObject(b -> b.bucket(bucket).key(key));
    } catch (NoSuchKeyException e) {
      throw new NoSuchObjectException(key, e);
    }
  }

  @Override
  public Optional<ObjectInfo> stat(String key) {
    requireKey(key);
    try {
      HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
      String contentType = head.contentType() == null ? FALLBACK_CONTENT_TYPE : head.contentType();
      return Optional.of(new ObjectInfo(key, head.contentLength(), contentType));
    } catch (S3Exception e) {
      // A HEAD answer has no body, so some services' 404s do not map to NoSuchKeyException.
      if (e.statusCode() == NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public void copy(String fromKey, String toKey) {
    requireKey(fromKey);
    requireKey(toKey);
    if (fromKey.equals(toKey)) {
      // S3 rejects copying an object onto itself unchanged; the wanted state already holds.
      stat(fromKey).orElseThrow(() -> new NoSuchObjectException(fromKey));
      return;
    }
    try {
      // Server-side copy: the bytes never leave the service, and the content type comes along.
      s3.copyObject(b -> b.sourceBucket(bucket)
          .sourceKey(fromKey)
          .destinationBucket(bucket)
          .destinationKey(toKey));
    } catch (S3Exception e) {
      if (e.statusCode() == NOT_FOUND) {
        throw new NoSuchObjectException(fromKey, e);
      }
      throw e;
    }
  }

  @Override
  public void delete(String key) {
    requireKey(key);
    s3.deleteObject(b -> b.bucket(bucket).key(key));
  }

  @Override
  public int deletePrefix(String prefix) {
    requirePrefix(prefix);
    int deleted = 0;
    List<ObjectIdentifier> previous = List.of();
    // Always list the first page again instead of following a continuation token: the token
    // points into a listing we are deleting from, and not every S3-compatible service keeps
    // such a token stable.
    while (true) {
      List<ObjectIdentifier> page =
          s3
              .listObjectsV2(b -> b.bucket(bucket).prefix(prefix).maxKeys(pageSize))
              .contents()
              .stream()
              .map(o -> ObjectIdentifier.builder().key(o.key()).build())
              .toList();
      if (page.isEmpty()) {
        return deleted;
      }
      if (page.equals(previous)) {
        throw S3Exception.builder()
            .message("Objects under " + prefix + " are still listed after being deleted")
            .build();
      }
      DeleteObjectsResponse response =
          s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(page).quiet(true)));
      if (response.hasErrors() && !response.errors().isEmpty()) {
        var first = response.errors().getFirst();
        throw S3Exception.builder()
            .message("Could not delete %d objects under %s, first %s: %s %s"
                .formatted(
                    response.errors().size(), prefix, first.key(), first.code(), first.message()))
            .build();
      }
      deleted += page.size();
      previous = page;
    }
  }

  @Override
  public List<String> list(String prefix) {
    requirePrefix(prefix);
    return s3
        .listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix).maxKeys(pageSize))
        .contents()
        .stream()
        .map(S3Object::key)
        .toList();
  }

  @Override
  public URI signedUrl(String key, Duration ttl) {
    requireKey(key);
    requirePositive(ttl);
    var presigned = presigner.presignGetObject(
        p -> p.signatureDuration(ttl).getObjectRequest(g -> g.bucket(bucket).key(key)));
    try {
      return presigned.url().toURI();
    } catch (URISyntaxException impossible) {
      throw new IllegalStateException("The SDK presigned an invalid URL", impossible);
    }
  }

  /**
   * A presigned PUT that signs the content type and length: S3 itself refuses other bytes, a
   * longer or shorter body, or a late request.
   */
  @Override
  public PresignedUpload presignUpload(
      String key, String contentType, long sizeBytes, Duration ttl) {
    requireKey(key);
    requirePositive(ttl);
    var presigned = presigner.presignPutObject(p -> p.signatureDuration(ttl)
        .putObjectRequest(
            o -> o.bucket(bucket).key(key).contentType(contentType).contentLength(sizeBytes)));
    Map<String, String> headers = new TreeMap<>();
    presigned.signedHeaders().forEach((name, values) -> {
      // Host and Content-Length are set by the client's HTTP library itself, from the URL and
      // the body (some, like Java's, refuse to be told them); the signature still covers them.
      if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
        headers.put(headerCase(name), String.join(",", values));
      }
    });
    try {
      return new PresignedUpload(
          presigned.url().toURI(), "PUT", Map.copyOf(headers), presigned.expiration());
    } catch (URISyntaxException impossible) {
      throw new IllegalStateException("The SDK presigned an invalid URL", impossible);
    }
  }

  /** {@code content-type} as {@code Content-Type}, as the local adapter and API.md spell it. */
  private static String headerCase(String name) {
    StringBuilder cased = new StringBuilder(name.length());
    boolean upper = true;
    for (char c : name.toCharArray()) {
      cased.append(upper ? Character.toUpperCase(c) : c);
      upper = c == '-';
    }
    return cased.toString();
  }

  @Override
  public void close() {
    try (presigner) {
      s3.close();
    }
  }
}
