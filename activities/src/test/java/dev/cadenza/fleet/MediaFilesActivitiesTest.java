package dev.cadenza.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cadenza.gpuworker.GpuWorkerConfig;
import dev.cadenza.gpuworker.GpuWorkerServer;
import dev.cadenza.workflows.FailureTypes;
import dev.cadenza.workflows.fetch.Source;
import dev.cadenza.workflows.fetch.SourceKind;
import dev.cadenza.workflows.media.ImageRequest;
import dev.cadenza.workflows.media.MediaActivities;
import dev.cadenza.workflows.media.MeshRequest;
import dev.cadenza.workflows.media.RenderJob;
import dev.cadenza.workflows.media.RenderedVideo;
import dev.cadenza.workflows.media.StagedFile;
import dev.cadenza.workflows.render.Timeline;
import dev.cadenza.workflows.render.TimelineClip;
import dev.cadenza.workflows.render.TimelineTrack;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPU steps of images, 3D models and renders against a real worker: staged inputs travel to
 * the worker with the job, outputs come back staged.
 */
class MediaFilesActivitiesTest {

  @TempDir
  Path storageRoot;

  private GpuWorkerServer worker;
  private ActivityHarness harness;
  private MediaActivities media;

  @BeforeEach
  void start() {
    worker = Workers.start("files-worker", GpuWorkerConfig.builder());
    harness = new ActivityHarness(storageRoot, List.of(Workers.address(worker)));
    media = harness.stub(MediaActivities.class);
  }

  @AfterEach
  void stop() {
    harness.close();
    worker.stop();
  }

  @Test
  void generateImageStagesAnImagePng() throws Exception {
    StagedFile image = media.generateImage(new ImageRequest("gen_1", "u", "a fox", 320, 256, 3));

    assertThat(image.key()).isEqualTo("staging/gen_1/image.png");
    assertThat(image.metadata()).containsEntry("width", "320").containsEntry("height", "256");
    assertThat(ImageIO.read(new ByteArrayInputStream(read(image.key()))).getWidth())
        .isEqualTo(320);
  }

  @Test
  void generateMeshSendsTheStagedPictureAndStagesAGlb() throws Exception {
    StagedFile picture = stage("image.png", "image/png", png(200, 150));

    StagedFile model = media.generateMesh(new MeshRequest("gen_1", "u", picture, "clay", 1));

    assertThat(model.key()).isEqualTo("staging/gen_1/model.glb");
    assertThat(model.contentType()).isEqualTo("model/gltf-binary");
    byte[] glb = read(model.key());
    assertThat(new String(glb, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("glTF");
    assertThat(Workers.sha256(glb)).isEqualTo(model.sha256());
    assertThat(model.metadata()).containsKeys("vertices", "triangles");
  }

  @Test
  void renderVideoSendsTheSourcesAndStagesTheVideoAndItsThumbnail() throws Exception {
    String logo = "https://example.com/logo.png";
    StagedFile staged = stage("source-0.png", "image/png", png(64, 64));
    Timeline timeline = new Timeline(
        256,
        144,
        10,
        1.5,
        List.of(
            new TimelineTrack("video", List.of(new TimelineClip(0, 1.5, null, null, "#203040"))),
            new TimelineTrack("image", List.of(new TimelineClip(0.2, 1, null, logo, null))),
            new TimelineTrack("text", List.of(new TimelineClip(0, 1.5, "Hi", null, "#ffffff")))));

    RenderedVideo rendered = media.renderVideo(new RenderJob(
        "gen_1", "u", timeline, List.of(new Source(logo, SourceKind.IMAGE)), List.of(staged)));

    assertThat(rendered.video().key()).isEqualTo("staging/gen_1/video.mp4");
    assertThat(rendered.video().contentType()).isEqualTo("video/mp4");
    assertThat(rendered.video().metadata())
        .containsEntry("width", "256")
        .containsEntry("height", "144")
        .containsEntry("fps", "10")
        .containsEntry("frames", "15")
        .doesNotContainKey("thumbnailWidth");
    assertThat(new String(read(rendered.video().key()), 4, 4, StandardCharsets.US_ASCII))
        .isEqualTo("ftyp");
    assertThat(rendered.thumbnail().metadata()).isEqualTo(Map.of("width", "256", "height", "144"));
    assertThat(ImageIO.read(new ByteArrayInputStream(read(rendered.thumbnail().key()))))
        .isNotNull();
    assertThat(harness.reports)
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.step()).isEqualTo("renderVideo"));
  }

  @Test
  void inputsTooLargeForTheWorkerFailWithoutRetry() {
    StagedFile huge = new StagedFile(
        "staging/gen_1/image.png", "image.png", "image/png", 49L << 20, "00", Map.of());

    assertThatThrownBy(() -> media.generateMesh(new MeshRequest("gen_1", "u", huge, null, 1)))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo(FailureTypes.INVALID_INPUT);
          assertThat(failure.isNonRetryable()).isTrue();
        });
    assertThat(Workers.metrics(worker, "mesh").jobsExecuted()).isZero();
  }

  private StagedFile stage(String name, String contentType, byte[] bytes) {
    String key = "staging/gen_1/" + name;
    harness.storage.put(key, bytes, contentType);
    return new StagedFile(key, name, contentType, bytes.length, Workers.sha256(bytes), Map.of());
  }

  private byte[] read(String key) throws Exception {
    try (InputStream in = harness.storage.open(key)) {
      return in.readAllBytes();
    }
  }

  static byte[] png(int w, int h) throws Exception {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.ORANGE);
    g.fillOval(0, 0, w, h);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
