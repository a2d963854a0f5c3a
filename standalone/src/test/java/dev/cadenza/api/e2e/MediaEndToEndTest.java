package dev.cadenza.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadenza.api.gpu.EmbeddedGpuWorker;
import dev.cadenza.credits.LedgerAudit;
import dev.cadenza.net.StandardWebhookSignature;
import dev.cadenza.storage.ObjectStorage;
import dev.cadenza.testsupport.LocalHttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import javax.imageio.ImageIO;
import javax.sql.DataSource;
import org.jcodec.common.Codec;
import org.jcodec.common.DemuxerTrackMeta;
import org.jcodec.common.io.ByteBufferSeekableByteChannel;
import org.jcodec.containers.mp4.demuxer.MP4Demuxer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Images, image-to-3D and renders as an app uses them: over HTTP on the embedded stack, from
 * sign-up to downloaded, valid files. Pictures, sounds and publication receivers are served on
 * 127.0.0.1, which the test configuration allows ({@code config/application.yaml}).
 */
class MediaEndToEndTest extends EmbeddedStackTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired
  DataSource dataSource;

  @Autowired
  ObjectStorage storage;

  @Autowired
  EmbeddedGpuWorker gpu;

  private ApiClient api;
  private final LocalHttpServer files = new LocalHttpServer();

  @BeforeEach
  void setUp() {
    api = new ApiClient(port);
  }

  @AfterEach
  void tearDown() {
    files.close();
    assertThat(new LedgerAudit(dataSource).violations()).isEmpty();
  }

  @Test
  void theToolCatalogShowsEveryTypeWithItsPrice() {
    JsonNode tools = api.get("/v1/tools", api.signUp(0)).body().path("data");

    assertThat(tools)
        .extracting(t -> t.path("type").asText())
        .containsExactly("song", "image", "image-to-3d", "render");
    JsonNode mesh = tools.get(2);
    assertThat(mesh.path("price").asLong()).isEqualTo(8);
    assertThat(mesh.path("steps"))
        .extracting(s -> s.path("name").asText() + "=" + s.path("price"))
        .containsExactly("generateImage=2", "generateMesh=6");
  }

  @Test
  void anImageIsAPngOfTheAskedSizePaidOnce() throws Exception {
    String key = api.signUp(20);
    JsonNode image = run(
        key,
        "{\"type\":\"image\",\"input\":{\"prompt\":\"a red fox\",\"width\":384,\"height\":256}}");

    assertThat(image.path("status").asText()).isEqualTo("succeeded");
    assertThat(image.path("cost").asLong()).isEqualTo(2);
    var png = api.download(image.path("output").path("image").path("url").asText());
    assertThat(png.contentType()).isEqualTo("image/png");
    BufferedImage decoded = MediaFiles.png(png.bytes());
    assertThat(decoded.getWidth()).isEqualTo(384);
    assertThat(decoded.getHeight()).isEqualTo(256);
    assertSpentOnce(key, image, 20);
  }

  @Test
  void aPromptBecomesAPictureAndAValidGlbModel() throws Exception {
    String key = api.signUp(20);
    JsonNode mesh = run(
        key,
        "{\"type\":\"image-to-3d\",\"input\":{\"prompt\":\"a ceramic owl\",\"style\":\"smooth\"}}");

    assertThat(mesh.path("status").asText()).isEqualTo("succeeded");
    assertThat(mesh.path("cost").asLong()).as("both steps").isEqualTo(8);
    assertThat(step(mesh, "generateImage")).isEqualTo("succeeded");
    assertThat(step(mesh, "fetchImage")).isEqualTo("skipped");
    var glb = api.download(mesh.path("output").path("model").path("url").asText());
    assertThat(glb.contentType()).isEqualTo("model/gltf-binary");
    assertValidGlb(glb.bytes());
    assertThat(MediaFiles.png(
            api.download(mesh.path("output").path("image").path("url").asText()).bytes()))
        .isNotNull();
    assertSpentOnce(key, mesh, 20);
  }

  @Test
  void aPictureAtAUrlIsFetchedAndLiftedIntoAModel() throws Exception {
    byte[] photo = png(300, 200);
    files.serve("/photo.png", 200, "image/png", photo);
    String key = api.signUp(20);
    JsonNode mesh = run(
        key,
        "{\"type\":\"image-to-3d\",\"input\":{\"imageUrl\":\"" + files.url("/photo.png") + "\"}}");

    assertThat(mesh.path("status").asText()).isEqualTo("succeeded");
    assertThat(mesh.path("cost").asLong()).as("the mesh step only").isEqualTo(6);
    assertThat(step(mesh, "generateImage")).isEqualTo("skipped");
    assertThat(step(mesh, "fetchImage")).isEqualTo("succeeded");
    JsonNode image = mesh.path("output").path("image");
    assertThat(image.path("sha256").asText()).isEqualTo(sha256(photo));
    assertThat(image.path("width").asInt()).isEqualTo(300);
    assertValidGlb(
        api.download(mesh.path("output").path("model").path("url").asText()).bytes());
    assertSpentOnce(key, mesh, 20);
  }

  @Test
  void aPictureThatCannotBeFetchedFailsTheGenerationAndReleasesTheWholeHold() {
    files.serve("/page", 200, "text/html", "<html>".getBytes());
    String key = api.signUp(20);
    JsonNode missing = run(
        key,
        "{\"type\":\"image-to-3d\",\"input\":{\"imageUrl\":\"" + files.url("/gone.png") + "\"}}");
    JsonNode page = run(
        key, "{\"type\":\"image-to-3d\",\"input\":{\"imageUrl\":\"" + files.url("/page") + "\"}}");

    assertThat(missing.path("status").asText()).isEqualTo("failed");
    assertThat(missing.path("error").path("code").asText()).isEqualTo("INVALID_INPUT");
    assertThat(missing.path("error").path("message").asText()).contains("HTTP 404");
    assertThat(page.path("error").path("message").asText()).contains("serves text/html");
    assertThat(step(page, "fetchImage")).isEqualTo("failed");
    assertThat(step(page, "generateMesh")).isEqualTo("canceled");
    JsonNode credits = api.get("/v1/me", key).body().path("credits");
    assertThat(credits.path("balance").asLong()).isEqualTo(20);
    assertThat(credits.path("reserved").asLong()).isZero();
    assertThat(api.get("/v1/credits/transactions", key).body().path("data")).hasSize(1);
  }

  @Test
  void aTimelineIsRenderedToAnH264Mp4AndPublishedWithASignature() throws Exception {
    files.serve("/logo.png", 200, "image/png", png(64, 64));
    files.serve("/tone.wav", 200, "audio/wav", wav(2));
    files.serve("/hook", 204, null, new byte[0]);
    files.serve("/broken", 500, "text/plain", "down".getBytes());
    String key = api.signUp(20);
    String body = """
        {"type": "render", "input": {
          "timeline": {"width": 320, "height": 240, "fps": 12, "durationSeconds": 2,
            "tracks": [
              {"type": "video", "clips": [{"start": 0, "duration": 2, "color": "#204060"}]},
              {"type": "image", "clips": [{"start": 0.5, "duration": 1, "sourceUrl": "%s"}]},
              {"type": "text", "clips": [{"start": 0, "duration": 2, "text": "Hello"}]},
              {"type": "audio", "clips": [{"start": 0, "duration": 2, "sourceUrl": "%s"}]}]},
          "publishTo": [{"platform": "webhook", "url": "%s"}, {"platform": "webhook", "url": "%s"}]}}""".formatted(
        files.url("/logo.png"), files.url("/tone.wav"), files.url("/hook"), files.url("/broken"));
    JsonNode render = run(key, body);

    assertThat(render.path("status").asText()).isEqualTo("succeeded");
    assertThat(render.path("cost").asLong()).isEqualTo(5);
    JsonNode output = render.path("output");
    var video = api.download(output.path("video").path("url").asText());
    assertThat(video.contentType()).isEqualTo("video/mp4");
    MP4Demuxer mp4 = MP4Demuxer.createMP4Demuxer(
        ByteBufferSeekableByteChannel.readFromByteBuffer(ByteBuffer.wrap(video.bytes())));
    DemuxerTrackMeta track = mp4.getVideoTracks().get(0).getMeta();
    assertThat(track.getCodec()).isEqualTo(Codec.H264);
    assertThat(track.getVideoCodecMeta().getSize().getWidth()).isEqualTo(320);
    assertThat(track.getVideoCodecMeta().getSize().getHeight()).isEqualTo(240);
    assertThat(track.getTotalFrames()).isEqualTo(24);
    assertThat(track.getTotalDuration()).isEqualTo(2.0);
    assertThat(mp4.getAudioTracks()).hasSize(1);
    assertThat(MediaFiles.png(
                api.download(output.path("thumbnail").path("url").asText()).bytes())
            .getWidth())
        .isEqualTo(320);

    // One target took it, the other kept failing: reported, and the render still succeeded.
    assertThat(output.path("publications")).hasSize(2);
    assertThat(output.path("publications").get(0).path("status").asText()).isEqualTo("delivered");
    assertThat(output.path("publications").get(1).path("status").asText()).isEqualTo("failed");
    assertThat(output.path("publications").get(1).path("error").asText()).contains("HTTP 500");
    assertThat(files.received).filteredOn(r -> r.path().equals("/broken")).hasSize(5);
    LocalHttpServer.Received post = files.received.stream()
        .filter(r -> r.path().equals("/hook"))
        .findFirst()
        .orElseThrow();
    String secret = api.get("/v1/me", key).body().path("webhookSecret").asText();
    String payload = new String(post.body(), StandardCharsets.UTF_8);
    assertThat(post.headers().getFirst("webhook-signature"))
        .isEqualTo(StandardWebhookSignature.sign(
            secret,
            post.headers().getFirst("webhook-id"),
            Long.parseLong(post.headers().getFirst("webhook-timestamp")),
            payload));
    JsonNode sent = JSON.readTree(payload);
    assertThat(api.download(sent.path("video").path("url").asText()).bytes())
        .isEqualTo(video.bytes());
    assertSpentOnce(key, render, 20);
  }

  @Test
  void aRenderCanceledHalfwayEndsCanceledReleasesItsHoldOnceAndFreesItsSlot() {
    String key = api.signUp(20);
    String id = api.post("/v1/generations", key, """
            {"type": "render", "input": {"timeline": {"width": 320, "height": 240, "fps": 24,
              "durationSeconds": 30, "tracks": [
                {"type": "video", "clips": [{"start": 0, "duration": 30, "color": "#336699"}]},
                {"type": "text", "clips": [{"start": 0, "duration": 30, "text": "long"}]}]}}}""").body().path("id").asText();
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
      JsonNode progress = api.get("/v1/generations/" + id, key).body().path("progress");
      return progress.path("step").asText().equals("renderVideo")
          && progress.path("percent").asInt() >= 50;
    });
    assertThat(gpu.server().metrics().model("video").busySlots()).isEqualTo(1);

    assertThat(api.post("/v1/generations/" + id + "/cancel", key, "").status()).isEqualTo(202);

    JsonNode render = awaitTerminal(key, id);
    assertThat(render.path("status").asText()).isEqualTo("canceled");
    assertThat(render.path("error").path("code").asText()).isEqualTo("CANCELED");
    assertThat(step(render, "renderVideo")).isEqualTo("canceled");
    JsonNode credits = api.get("/v1/me", key).body().path("credits");
    assertThat(credits.path("balance").asLong()).isEqualTo(20);
    assertThat(credits.path("reserved").asLong()).isZero();
    assertThat(api.get("/v1/credits/transactions", key).body().path("data"))
        .extracting(t -> t.path("type").asText())
        .containsExactly("bonus");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> gpu.server().metrics().model("video").busySlots() == 0);
    assertThat(storage.list("staging/" + id + "/")).isEmpty();
    assertThat(storage.list("generations/" + id + "/")).isEmpty();
  }

  @Test
  void badInputsOfTheNewTypesAre422AndCreateNothing() {
    String key = api.signUp(20);
    String[] bodies = {
      "{\"type\":\"image\",\"input\":{}}",
      "{\"type\":\"image\",\"input\":{\"prompt\":\"x\",\"width\":4000}}",
      "{\"type\":\"image-to-3d\",\"input\":{\"imageUrl\":\"http://169.254.169.254/latest/meta-data\"}}",
      "{\"type\":\"image-to-3d\",\"input\":{\"imageUrl\":\"file:///etc/passwd\"}}",
      "{\"type\":\"image-to-3d\",\"input\":{\"imageUrl\":\"https://e.com/a.png\",\"prompt\":\"x\"}}",
      "{\"type\":\"render\",\"input\":{\"timeline\":{\"width\":321,\"height\":240,\"fps\":24,\"durationSeconds\":2}}}",
      "{\"type\":\"render\",\"input\":{\"timeline\":{\"width\":320,\"height\":240,\"fps\":24,\"durationSeconds\":2},"
          + "\"publishTo\":[{\"platform\":\"webhook\",\"url\":\"http://10.0.0.7/hook\"}]}}",
      "{\"type\":\"render\",\"input\":{\"timeline\":\"soon\"}}"
    };
    for (String body : bodies) {
      var answer = api.post("/v1/generations", key, body);
      assertThat(answer.status()).as(body).isEqualTo(422);
      assertThat(answer.contentType()).startsWith("application/problem+json");
      assertThat(answer.body().path("code").asText()).isEqualTo("VALIDATION_FAILED");
      assertThat(answer.body().path("errors")).as(body).isNotEmpty();
    }
    assertThat(api.get("/v1/generations", key).body().path("data")).isEmpty();
    assertThat(api.get("/v1/me", key).body().path("credits").path("reserved").asLong())
        .isZero();
  }

  private JsonNode run(String key, String body) {
    var created = api.post("/v1/generations", key, body);
    assertThat(created.status())
        .as(created.body() == null ? "" : created.body().toString())
        .isEqualTo(201);
    return awaitTerminal(key, created.body().path("id").asText());
  }

  private JsonNode awaitTerminal(String key, String id) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
      last[0] = api.get("/v1/generations/" + id, key).body();
      return last[0].path("completedAt").isTextual();
    });
    return last[0];
  }

  private void assertSpentOnce(String key, JsonNode generation, long credits) {
    JsonNode account = api.get("/v1/me", key).body().path("credits");
    assertThat(account.path("balance").asLong())
        .isEqualTo(credits - generation.path("cost").asLong());
    assertThat(account.path("reserved").asLong()).isZero();
    assertThat(api.get("/v1/credits/transactions", key).body().path("data"))
        .filteredOn(t -> t.path("type").asText().equals("spend"))
        .singleElement()
        .satisfies(t -> assertThat(t.path("referenceId").asText())
            .isEqualTo(generation.path("id").asText()));
  }

  /**
   * The binary glTF container and what loaders rely on: header, chunks, a mesh whose accessors
   * fit their buffer views, POSITION bounds, and an embedded PNG texture.
   */
  private static void assertValidGlb(byte[] glb) throws Exception {
    ByteBuffer buffer = ByteBuffer.wrap(glb).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    assertThat(new String(glb, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("glTF");
    assertThat(buffer.getInt(4)).isEqualTo(2);
    assertThat(buffer.getInt(8)).isEqualTo(glb.length);
    int jsonLength = buffer.getInt(12);
    assertThat(new String(glb, 16, 4, StandardCharsets.US_ASCII)).isEqualTo("JSON");
    JsonNode gltf = JSON.readTree(new String(glb, 20, jsonLength, StandardCharsets.UTF_8).strip());
    int binLength = buffer.getInt(20 + jsonLength);
    assertThat(20 + jsonLength + 8 + binLength).isEqualTo(glb.length);
    assertThat(gltf.path("asset").path("version").asText()).isEqualTo("2.0");
    JsonNode primitive = gltf.path("meshes").get(0).path("primitives").get(0);
    JsonNode position =
        gltf.path("accessors").get(primitive.path("attributes").path("POSITION").asInt());
    assertThat(position.path("min")).hasSize(3);
    assertThat(position.path("count").asInt()).isGreaterThan(100);
    for (JsonNode accessor : gltf.path("accessors")) {
      JsonNode view = gltf.path("bufferViews").get(accessor.path("bufferView").asInt());
      assertThat(view.path("byteOffset").asInt() + view.path("byteLength").asInt())
          .isLessThanOrEqualTo(binLength);
    }
    assertThat(gltf.path("images").get(0).path("mimeType").asText()).isEqualTo("image/png");
  }

  private static String step(JsonNode generation, String name) {
    for (JsonNode step : generation.path("steps")) {
      if (step.path("name").asText().equals(name)) {
        return step.path("status").asText();
      }
    }
    return "absent";
  }

  private static byte[] png(int w, int h) throws Exception {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setColor(java.awt.Color.ORANGE);
    g.fillOval(w / 4, h / 4, w / 2, h / 2);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  /** A 440 Hz tone, 16-bit mono PCM at 22050 Hz. */
  private static byte[] wav(int seconds) {
    int samples = 22050 * seconds;
    ByteBuffer wav = ByteBuffer.allocate(44 + 2 * samples).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    wav.put("RIFF".getBytes()).putInt(36 + 2 * samples).put("WAVE".getBytes());
    wav.put("fmt ".getBytes())
        .putInt(16)
        .putShort((short) 1)
        .putShort((short) 1)
        .putInt(22050)
        .putInt(44100)
        .putShort((short) 2)
        .putShort((short) 16);
    wav.put("data".getBytes()).putInt(2 * samples);
    for (int i = 0; i < samples; i++) {
      wav.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * i / 22050.0)));
    }
    return wav.array();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
