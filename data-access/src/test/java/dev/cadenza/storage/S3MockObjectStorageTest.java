package dev.cadenza.storage;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The S3 adapter against Adobe S3Mock, started as a child JVM: runs wherever Java does. */
class S3MockObjectStorageTest extends S3ObjectStorageContract {

  @TempDir
  static Path store;

  private static S3MockServer server;

  @BeforeAll
  static void startS3Mock() throws Exception {
    Path jar = S3MockServer.findJar().orElse(null);
    Assumptions.assumeTrue(
        jar != null, "S3Mock's exec jar is neither on the test classpath nor set as -Ds3mock.jar");
    server = S3MockServer.start(jar, store);
  }

  @AfterAll
  static void stopS3Mock() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected StorageProperties.S3 server(String bucket) {
    // S3Mock accepts any credentials; the SDK still signs every request with them.
    return settings(server.endpoint(), "test-access-key", "test-secret-key", bucket);
  }
}
