package dev.cadenza.storage;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where objects are stored ({@code app.storage.*}); checked at start-up so a bad setting fails the
 * boot instead of the first upload.
 *
 * @param type {@code local} (embedded default) or {@code s3}
 * @param publicBaseUrl the API's externally visible base URL; local signed URLs point at it
 * @param signingKey secret for local signed URLs (its UTF-8 bytes, at least 32); when absent a
 *     random one is generated once and kept in {@code <local.dir>/.signing-key}
 */
@Validated
@ConfigurationProperties(prefix = "app.storage")
public record StorageProperties(
    @NotNull @DefaultValue("local") Type type,
    @Valid @NotNull @DefaultValue Local local,
    @NotNull @DefaultValue("http://localhost:8080") URI publicBaseUrl,
    String signingKey,
    @Valid @NotNull @DefaultValue S3 s3) {

  /** The adapter behind {@link ObjectStorage}. */
  public enum Type {
    LOCAL,
    S3
  }

  /**
   * @param dir the root directory of local storage
   */
  public record Local(
      @NotNull @DefaultValue("./data/storage") Path dir) {}

  /**
   * @param endpoint the service's URL as this process reaches it; absent means AWS S3 for {@code
   *     region}
   * @param publicEndpoint the service's URL as browsers reach it, used in presigned URLs (the
   *     signature covers the host, so it cannot be rewritten afterwards); defaults to {@code
   *     endpoint}. Needed when, e.g., the worker reaches MinIO as {@code http://minio:9000}.
   * @param accessKey with {@code secretKey}; when both are absent the SDK's default credential
   *     chain (environment, instance profile, ...) is used
   * @param createBucket create the bucket at start-up if it does not exist (MinIO, tests)
   */
  public record S3(
      URI endpoint,
      URI publicEndpoint,
      @NotBlank @DefaultValue("us-east-1") String region,
      String bucket,
      String accessKey,
      String secretKey,
      @DefaultValue("false") boolean createBucket) {

    @AssertTrue(message = "set both access-key and secret-key, or neither")
    public boolean isCredentialsPaired() {
      return isBlank(accessKey) == isBlank(secretKey);
    }
  }

  @AssertTrue(message = "app.storage.s3.bucket is required when app.storage.type is s3")
  public boolean isBucketSetForS3() {
    return type != Type.S3 || !isBlank(s3.bucket());
  }

  /** An empty setting (an unset environment variable) means "generate one". */
  @AssertTrue(message = "app.storage.signing-key must be at least 32 bytes, or empty")
  public boolean isSigningKeyLongEnough() {
    return isBlank(signingKey)
        || signingKey.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
            >= UrlSigner.MIN_KEY_BYTES;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
