package dev.cadenza.storage;

import java.net.URI;
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
}
