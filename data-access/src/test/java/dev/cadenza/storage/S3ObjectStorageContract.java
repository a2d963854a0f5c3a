package dev.cadenza.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

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

  @Test
  void aPresignedPutStoresExactlyTheSignedTypeAndLength() throws Exception {
    byte[] bytes = randomBytes(3000);
    PresignedUpload put =
        storage.presignUpload("incoming/u1.png", "image/png", bytes.length, Duration.ofMinutes(5));

    assertThat(put.method()).isEqualTo("PUT");
    assertThat(put.headers()).containsEntry("Content-Type", "image/png");
    assertThat(send(put, "image/png", bytes)).isEqualTo(200);
    assertThat(storage.stat("incoming/u1.png"))
        .contains(new ObjectInfo("incoming/u1.png", bytes.length, "image/png"));
    assertThat(read("incoming/u1.png")).isEqualTo(bytes);
  }

  /** A plain PUT with the answered headers, as an app would send it; {@code type} may differ. */
  protected static int send(PresignedUpload put, String type, byte[] bytes) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpRequest.Builder request = HttpRequest.newBuilder(put.url())
          .method(put.method(), HttpRequest.BodyPublishers.ofByteArray(bytes));
      put.headers().forEach((name, value) -> {
        if (!name.equalsIgnoreCase("content-length")) {
          request.header(name, name.equalsIgnoreCase("content-type") ? type : value);
        }
      });
      return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
  }

  protected static StorageProperties.S3 settings(
      URI endpoint, String accessKey, String secretKey, String bucket) {
    return new StorageProperties.S3(
        endpoint, null, "us-east-1", bucket, accessKey, secretKey, true);
  }
}
