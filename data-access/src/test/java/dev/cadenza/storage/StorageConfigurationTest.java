package dev.cadenza.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class StorageConfigurationTest {

  @TempDir
  Path dir;

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withUserConfiguration(StorageConfiguration.class);

  @Test
  void localIsTheDefaultAndItsUrlsSurviveARestart() {
    String localDir = "app.storage.local.dir=" + dir;
    URI[] url = new URI[1];

    runner.withPropertyValues(localDir).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(ObjectStorage.class)).isInstanceOf(LocalObjectStorage.class);
      url[0] = context.getBean(ObjectStorage.class).signedUrl("a.wav", Duration.ofHours(1));
    });
    assertThat(dir.resolve(".signing-key")).exists();
    assertThat(url[0].toString()).startsWith("http://localhost:8080/v1/files/a.wav?expires=");

    runner
        .withPropertyValues(localDir)
        .run(context ->
            assertThat(verify(context.getBean(UrlSigner.class), url[0])).isTrue());
  }

  @Test
  void aConfiguredSigningKeyIsUsedInsteadOfAGeneratedOne() {
    runner
        .withPropertyValues(
            "app.storage.local.dir=" + dir,
            "app.storage.public-base-url=https://api.example.com",
            "app.storage.signing-key=" + "k".repeat(32))
        .run(context -> {
          URI url = context.getBean(ObjectStorage.class).signedUrl("a.wav", Duration.ofHours(1));
          assertThat(url.toString()).startsWith("https://api.example.com/v1/files/a.wav?");
          assertThat(verify(context.getBean(UrlSigner.class), url)).isTrue();
        });
    assertThat(dir.resolve(".signing-key")).doesNotExist();
  }

  @Test
  void aShortSigningKeyFailsStartUp() {
    runner
        .withPropertyValues("app.storage.local.dir=" + dir, "app.storage.signing-key=short")
        .run(context ->
            assertThat(context).getFailure().rootCause().hasMessageContaining("signingKey"));
  }

  @Test
  void s3IsChosenByTypeAndNeedsNoUrlSigner() {
    runner
        .withPropertyValues(
            "app.storage.type=s3",
            "app.storage.s3.endpoint=http://localhost:1",
            "app.storage.s3.bucket=media",
            "app.storage.s3.access-key=a",
            "app.storage.s3.secret-key=b")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(ObjectStorage.class)).isInstanceOf(S3ObjectStorage.class);
          assertThat(context).doesNotHaveBean(UrlSigner.class);
        });
  }

  @Test
  void s3WithoutABucketFailsStartUp() {
    runner
        .withPropertyValues("app.storage.type=s3")
        .run(context -> assertThat(context)
            .getFailure()
            .rootCause()
            .hasMessageContaining("app.storage.s3.bucket is required"));
  }

  @Test
  void s3WithHalfTheCredentialsFailsStartUp() {
    runner
        .withPropertyValues(
            "app.storage.type=s3", "app.storage.s3.bucket=media", "app.storage.s3.access-key=a")
        .run(context -> assertThat(context)
            .getFailure()
            .rootCause()
            .hasMessageContaining("set both access-key and secret-key"));
  }

  private static boolean verify(UrlSigner signer, URI url) {
    String key = url.getPath().substring("/v1/files/".length());
    Map<String, String> query = Arrays.stream(url.getRawQuery().split("&"))
        .map(pair -> pair.split("=", 2))
        .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
    return signer.verify(key, Long.parseLong(query.get("expires")), query.get("signature"));
  }
}
