package dev.cadenza.storage;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Builds an {@link S3ObjectStorage} from {@link StorageProperties.S3} settings. */
public final class S3Connections {

  private static final int NOT_FOUND = 404;

  private S3Connections() {}

  /** Connects, creating the bucket first when the settings ask for it. */
  public static S3ObjectStorage open(StorageProperties.S3 settings) {
    return open(settings, S3ObjectStorage.MAX_PAGE_SIZE);
  }

  static S3ObjectStorage open(StorageProperties.S3 settings, int pageSize) {
    Region region = Region.of(settings.region());
    AwsCredentialsProvider credentials = credentials(settings);
    S3Client client = client(settings, region, credentials);
    S3Presigner presigner = presigner(settings, region, credentials);
    try {
      if (settings.createBucket()) {
        ensureBucket(client, settings.bucket(), region);
      }
      return new S3ObjectStorage(client, presigner, settings.bucket(), pageSize);
    } catch (RuntimeException e) {
      presigner.close();
      client.close();
      throw e;
    }
  }

  private static S3Client client(
      StorageProperties.S3 settings, Region region, AwsCredentialsProvider credentials) {
    var builder = S3Client.builder()
        .region(region)
        .credentialsProvider(credentials)
        // Path-style (endpoint/bucket/key) works everywhere, MinIO included, without
        // wildcard DNS for virtual-hosted bucket names.
        .forcePathStyle(true)
        // The JDK's HttpURLConnection: no Netty or Apache client to clash with gRPC's.
        .httpClient(UrlConnectionHttpClient.create())
        // Since SDK 2.30 uploads carry CRC checksums in aws-chunked trailers by default;
        // several S3-compatible services (older MinIO, R2, B2) reject or mangle those.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint());
    }
    return builder.build();
  }

  private static S3Presigner presigner(
      StorageProperties.S3 settings, Region region, AwsCredentialsProvider credentials) {
    var builder = S3Presigner.builder()
        .region(region)
        .credentialsProvider(credentials)
        .serviceConfiguration(
            S3Configuration.builder().pathStyleAccessEnabled(true).build());
    URI endpoint =
        settings.publicEndpoint() != null ? settings.publicEndpoint() : settings.endpoint();
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder.build();
  }

  private static AwsCredentialsProvider credentials(StorageProperties.S3 settings) {
    if (settings.accessKey() == null || settings.accessKey().isBlank()) {
      return DefaultCredentialsProvider.builder().build();
    }
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
  }

  private static void ensureBucket(S3Client client, String bucket, Region region) {
    try {
      client.headBucket(b -> b.bucket(bucket));
      return;
    } catch (S3Exception e) {
      if (e.statusCode() != NOT_FOUND) {
        throw e;
      }
    }
    try {
      client.createBucket(b -> {
        b.bucket(bucket);
        // us-east-1 is the one region AWS wants without a location constraint.
        if (!Region.US_EAST_1.equals(region)) {
          b.createBucketConfiguration(c -> c.locationConstraint(region.id()));
        }
      });
    } catch (BucketAlreadyOwnedByYouException anotherInstanceWon) {
      // The API and the worker may both start against a fresh MinIO.
    }
  }
}
