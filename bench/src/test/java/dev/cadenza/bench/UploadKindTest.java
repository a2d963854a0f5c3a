package dev.cadenza.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

/** The upload kinds: real files of the declared type, and inputs that name the upload. */
class UploadKindTest {

  @Test
  void imageTo3dUploadsAPngAndSubmitsItsId() throws Exception {
    UploadFile file = UploadKind.IMAGE_TO_3D.upload(7).orElseThrow();

    assertThat(file.contentType()).isEqualTo("image/png");
    BufferedImage picture = ImageIO.read(new ByteArrayInputStream(file.bytes()));
    assertThat(picture.getWidth()).isEqualTo(256);
    assertThat(file.bytes())
        .as("each seed its own bytes")
        .isNotEqualTo(UploadKind.IMAGE_TO_3D.upload(8).orElseThrow().bytes());
    assertThat(UploadKind.IMAGE_TO_3D.input(7, 10, "upl_1"))
        .isEqualTo(Map.of("imageUploadId", "upl_1", "seed", 7L));
  }

  @Test
  void renderUploadsAWavAndPlaysItOnAnAudioTrack() throws Exception {
    UploadFile file = UploadKind.RENDER.upload(7).orElseThrow();

    assertThat(file.contentType()).isEqualTo("audio/wav");
    try (AudioInputStream wav =
        AudioSystem.getAudioInputStream(new ByteArrayInputStream(file.bytes()))) {
      AudioFormat format = wav.getFormat();
      assertThat(format.getSampleRate()).isEqualTo(22_050f);
      assertThat(format.getSampleSizeInBits()).isEqualTo(16);
      assertThat(wav.getFrameLength() / format.getSampleRate()).isEqualTo(2f);
    }
    Map<String, Object> input = UploadKind.RENDER.input(7, 10, "upl_2");
    assertThat(input).containsOnlyKeys("timeline");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> tracks =
        (List<Map<String, Object>>) ((Map<String, Object>) input.get("timeline")).get("tracks");
    assertThat(tracks).extracting(t -> t.get("type")).containsExactly("video", "audio");
    assertThat(tracks.get(1).toString()).contains("uploadId=upl_2");
  }

  @Test
  void anUploadKindCannotBeSubmittedWithoutItsUpload() {
    assertThatThrownBy(() -> UploadKind.RENDER.input(1, 10)).hasMessageContaining("upload");
  }

  @Test
  void theRenderKindSendsNoSeedWhichARenderInputDoesNotTake() {
    assertThat(GenerationKind.named("render").input(3, 10)).containsOnlyKeys("timeline");
    assertThat(GenerationKind.named("image").input(3, 10)).containsEntry("seed", 3L);
  }

  @Test
  void theUploadPhaseIsCountedApartFromTheSubmit() {
    CadenzaClient.Uploaded ready = new CadenzaClient.Uploaded(200, "upl_1", null, 0, 40_000_000);
    CadenzaClient.Uploaded refused =
        new CadenzaClient.Uploaded(422, null, "complete UPLOAD_INVALID", 0, 10_000_000);
    List<Submission> submissions = List.of(
        new Submission(
            0, UploadKind.RENDER, 0, 0, 45_000_000, 50_000_000, 201, "gen_1", null, ready),
        new Submission(
            1, UploadKind.RENDER, 0, 0, 10_000_000, 10_000_000, 422, null, "upload x", refused),
        new Submission(
            2, SongKind.DESCRIPTION, 0, 0, 1_000_000, 6_000_000, 201, "gen_2", null, null));

    Map<String, Object> upload = Figures.upload(submissions);

    assertThat(upload).containsEntry("uploads", 2).containsEntry("ready", 1);
    assertThat(upload.get("failed")).isEqualTo(Map.of("422 complete UPLOAD_INVALID", 1));
    assertThat(((Map<?, ?>) upload.get("latencyMs")).get("p50")).isEqualTo(40.0);
    assertThat(submissions.get(0).latencyMillis()).as("the submit alone").isEqualTo(5.0);
    assertThat(submissions.get(0).scheduleLagMillis())
        .as("from the upload's start")
        .isZero();
    assertThat(Figures.upload(submissions.subList(2, 3))).isNull();
  }
}
