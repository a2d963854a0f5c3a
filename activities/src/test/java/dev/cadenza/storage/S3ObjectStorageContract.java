package dev.cadenza.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The contract against a real S3-compatible server: a fresh bucket per test, created by the adapter
 * itself ({@code createBucket}), and pages of two keys so that paging is exercised.
 */
abstract class S3ObjectStorageContract extends ObjectStorageContract {

  private static final AtomicInteger BUCKETS = new AtomicInteger();

  /** Endpoint, access key and secret key of the server under test. */
  protected abstract StorageProperties.S3 server(String bucket);

  @Override
  protected ObjectStorage createStorage() {
    return S3Connections.open(server("contract-" + BUCKETS.incrementAndGet()), 2);
  }

  /** A plain, unauthenticated GET, as a browser would do. */
  @Override
  protected byte[] download(URI signedUrl) throws Exception {
    assertThat(signedUrl.getQuery()).contains("X-Amz-Signature=", "X-Amz-Expires=3600");
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<byte[]> response = http.send(
          HttpRequest.newBuilder(signedUrl).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).isEqualTo(200);
      return response.body();
    }
  }

  protected static StorageProperties.S3 settings(
      URI endpoint, String accessKey, String secretKey, String bucket) {
    return new StorageProperties.S3(
        endpoint, null, "us-east-1", bucket, accessKey, secretKey, true);
  }
}
