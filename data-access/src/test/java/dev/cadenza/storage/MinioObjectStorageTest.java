package dev.cadenza.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The S3 adapter against a real MinIO, as docker-compose runs it; skipped without Docker. */
@Testcontainers(disabledWithoutDocker = true)
class MinioObjectStorageTest extends S3ObjectStorageContract {

  @Container
  static final MinIOContainer MINIO =
      new MinIOContainer("minio/minio:RELEASE.2023-09-04T19-57-37Z");

  @Override
  protected StorageProperties.S3 server(String bucket) {
    return settings(URI.create(MINIO.getS3URL()), MINIO.getUserName(), MINIO.getPassword(), bucket);
  }

  /** S3Mock checks no signatures: only a real S3 server (here MinIO) can show this. */
  @Test
  void aPresignedPutRefusesAnotherTypeOrLength() throws Exception {
    byte[] bytes = randomBytes(3000);
    PresignedUpload put =
        storage.presignUpload("incoming/u2.png", "image/png", bytes.length, Duration.ofMinutes(5));

    assertThat(send(put, "image/jpeg", bytes)).isEqualTo(403);
    assertThat(send(put, "image/png", randomBytes(3001))).isBetween(400, 499);
    assertThat(storage.stat("incoming/u2.png")).isEmpty();
  }
}
