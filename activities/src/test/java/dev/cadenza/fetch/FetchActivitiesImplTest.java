package dev.cadenza.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cadenza.net.OutboundProperties;
import dev.cadenza.storage.LocalObjectStorage;
import dev.cadenza.storage.UrlSigner;
import dev.cadenza.testsupport.LocalHttpServer;
import dev.cadenza.workflows.FailureTypes;
import dev.cadenza.workflows.fetch.FetchRequest;
import dev.cadenza.workflows.fetch.Source;
import dev.cadenza.workflows.fetch.SourceKind;
import dev.cadenza.workflows.fetch.SourcesRequest;
import dev.cadenza.workflows.media.StagedFile;
import io.temporal.failure.ApplicationFailure;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** The fetch activities with a local HTTP server (allowed by configuration) and local storage. */
class FetchActivitiesImplTest {

  @TempDir
  Path root;

  private final LocalHttpServer server = new LocalHttpServer();
  private LocalObjectStorage storage;
  private FetchActivitiesImpl activities;

  @BeforeEach
  void setUp() {
    storage = new LocalObjectStorage(
        root,
        URI.create("http://localhost:8080"),
        new UrlSigner(new byte[32], Clock.systemUTC()),
        Clock.systemUTC());
    FetchProperties limits = new FetchProperties(
        DataSize.ofMegabytes(1),
        DataSize.ofMegabytes(1),
        DataSize.ofMegabytes(1),
        Duration.ofSeconds(5),
        Duration.ofSeconds(2),
        3);
    activities =
        new FetchActivitiesImpl(storage, limits, new OutboundProperties(List.of("127.0.0.0/8")));
  }

  @AfterEach
  void stop() {
    activities.destroy();
    server.close();
  }

  @Test
  void aPictureIsStagedWithItsSize() throws Exception {
    server.serve("/cat.jpg", 200, "image/jpeg", picture("jpeg", 40, 30));

    StagedFile staged = activities.fetchImage(
        new FetchRequest("gen_1", new Source(server.url("/cat.jpg"), SourceKind.IMAGE), "image"));

    assertThat(staged.key()).isEqualTo("staging/gen_1/image.jpg");
    assertThat(staged.contentType()).isEqualTo("image/jpeg");
    assertThat(staged.metadata()).containsEntry("width", "40").containsEntry("height", "30");
    assertThat(storage.stat(staged.key())).get().satisfies(info -> {
      assertThat(info.sizeBytes()).isEqualTo(staged.sizeBytes());
      assertThat(info.contentType()).isEqualTo("image/jpeg");
    });
  }

  @Test
  void sourcesAreStagedInOrderAndCheckedByTheirBytes() throws Exception {
    server.serve("/a.png", 200, "image/png", picture("png", 8, 8));
    server.serve("/fake.wav", 200, "audio/wav", "not a wav at all".getBytes());

    List<StagedFile> staged = activities.fetchSources(
        new SourcesRequest("gen_2", List.of(new Source(server.url("/a.png"), SourceKind.IMAGE))));
    assertThat(staged).extracting(StagedFile::name).containsExactly("source-0.png");

    assertThatThrownBy(() -> activities.fetchSources(new SourcesRequest(
            "gen_2",
            List.of(
                new Source(server.url("/a.png"), SourceKind.IMAGE),
                new Source(server.url("/fake.wav"), SourceKind.AUDIO)))))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getType()).isEqualTo(FailureTypes.INVALID_INPUT);
          assertThat(failure.getOriginalMessage())
              .contains("/fake.wav")
              .contains("not the audio/wav file it claims to be");
        });
  }

  @Test
  void refusalsAreFinalAndOutagesRetryable() {
    server.serve("/down", 502, "text/plain", "x".getBytes());

    assertThatThrownBy(() -> activities.fetchImage(new FetchRequest(
            "gen_3", new Source("http://169.254.169.254/latest", SourceKind.IMAGE), "image")))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getType()).isEqualTo(FailureTypes.INVALID_INPUT);
          assertThat(failure.getOriginalMessage()).contains("imageUrl").contains("not a public");
        });
    assertThatThrownBy(() -> activities.fetchImage(
            new FetchRequest("gen_3", new Source(server.url("/down"), SourceKind.IMAGE), "image")))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isFalse();
          // Its message becomes the generation's error if the retries run out.
          assertThat(failure.getType()).isEqualTo(FailureTypes.SOURCE_UNAVAILABLE);
          assertThat(failure.getOriginalMessage()).contains("imageUrl").contains("HTTP 502");
        });
    assertThat(storage.list("staging/gen_3/")).isEmpty();
  }

  static byte[] picture(String format, int w, int h) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), format, out);
    return out.toByteArray();
  }
}
