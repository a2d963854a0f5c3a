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
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
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
  void soundAndVideoAreProbedNotJustTheirFirstBytes() throws Exception {
    byte[] forgedWav = "RIFF\0\0\0\0WAVEfmt garbage after a valid header".getBytes();
    byte[] forgedMp4 = "\0\0\0\u0018ftypisom garbage after a valid header".getBytes();
    server.serve("/tone.wav", 200, "audio/x-wav", wav(0.5));
    server.serve("/forged.wav", 200, "audio/wav", forgedWav);
    server.serve("/forged.mp4", 200, "video/mp4", forgedMp4);

    List<StagedFile> staged = activities.fetchSources(new SourcesRequest(
        "gen_5", List.of(new Source(server.url("/tone.wav"), SourceKind.AUDIO))));
    assertThat(staged.get(0).metadata()).containsEntry("durationSeconds", "0.500");

    for (String path : List.of("/forged.wav", "/forged.mp4")) {
      SourceKind kind = path.endsWith(".wav") ? SourceKind.AUDIO : SourceKind.VIDEO;
      assertThatThrownBy(() -> activities.fetchSources(
              new SourcesRequest("gen_5", List.of(new Source(server.url(path), kind)))))
          .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
            assertThat(failure.isNonRetryable()).isTrue();
            assertThat(failure.getType()).isEqualTo(FailureTypes.INVALID_INPUT);
            assertThat(failure.getOriginalMessage()).contains(path).contains("claims to be");
          });
    }
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

  /** A real 16-bit mono PCM WAV of silence, {@code seconds} long at 8 kHz. */
  private static byte[] wav(double seconds) throws Exception {
    AudioFormat format = new AudioFormat(8000, 16, 1, true, false);
    int frames = (int) (8000 * seconds);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AudioSystem.write(
        new AudioInputStream(new ByteArrayInputStream(new byte[frames * 2]), format, frames),
        AudioFileFormat.Type.WAVE,
        out);
    return out.toByteArray();
  }
}
