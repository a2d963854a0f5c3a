package dev.cadenza.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadenza.credits.LedgerAudit;
import dev.cadenza.storage.ObjectStorage;
import dev.cadenza.upload.Upload;
import dev.cadenza.upload.UploadStore;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Uploads as an app uses them (API.md "Uploads"): create, PUT the bytes to the presigned URL,
 * complete, use in an input; and every way to get it wrong, each a 4xx problem that changes
 * nothing.
 */
class UploadsEndToEndTest extends EmbeddedStackTest {

  @Autowired
  DataSource dataSource;

  @Autowired
  ObjectStorage storage;

  @Autowired
  UploadStore uploads;

  private ApiClient api;

  @BeforeEach
  void setUp() {
    api = new ApiClient(port);
  }

  @AfterEach
  void ledgerStaysClean() {
    assertThat(new LedgerAudit(dataSource).violations()).isEmpty();
  }

  @Test
  void aJpegPhotoIsUploadedCompletedAndLiftedIntoAModelPayingTheMeshStepOnly() throws Exception {
    String key = api.signUp(20);
    byte[] photo = jpeg(320, 240);
    JsonNode created = create(key, "image/jpeg", photo.length, "\"filename\":\"photo.jpg\"");
    assertThat(created.path("id").asText()).startsWith("upl_");
    assertThat(created.path("status").asText()).isEqualTo("pending");
    assertThat(created.path("method").asText()).isEqualTo("PUT");
    assertThat(created.path("headers").path("Content-Type").asText()).isEqualTo("image/jpeg");
    assertThat(created.path("expiresAt").asText()).isNotBlank();

    var put = send(created, "image/jpeg", photo);
    assertThat(put.status()).isEqualTo(200);
    var completed = api.post(completePath(created), key, "");
    assertThat(completed.status()).as(String.valueOf(completed.body())).isEqualTo(200);
    assertThat(completed.body().path("status").asText()).isEqualTo("ready");
    assertThat(completed.body().path("sha256").asText()).isEqualTo(sha256(photo));
    assertThat(completed.body().path("sizeBytes").asLong()).isEqualTo(photo.length);
    assertThat(completed.body().has("uploadUrl")).as("the grant is shown once").isFalse();
    assertThat(api.get("/v1/uploads/" + created.path("id").asText(), key)
            .body()
            .path("status")
            .asText())
        .isEqualTo("ready");

    JsonNode mesh = run(
        key,
        "{\"type\":\"image-to-3d\",\"input\":{\"imageUploadId\":\""
            + created.path("id").asText() + "\"}}");
    assertThat(mesh.path("status").asText()).as(mesh.toString()).isEqualTo("succeeded");
    assertThat(mesh.path("cost").asLong()).as("the mesh step only").isEqualTo(6);
    assertThat(step(mesh, "generateImage")).isEqualTo("skipped");
    assertThat(step(mesh, "fetchImage")).isEqualTo("skipped");
    assertThat(step(mesh, "generateMesh")).isEqualTo("succeeded");
    assertThat(mesh.path("input").path("imageUploadId").asText())
        .isEqualTo(created.path("id").asText());
    JsonNode image = mesh.path("output").path("image");
    assertThat(image.path("sha256").asText()).isEqualTo(sha256(photo));
    assertThat(image.path("contentType").asText()).isEqualTo("image/jpeg");
    var glb = api.download(mesh.path("output").path("model").path("url").asText());
    assertThat(glb.contentType()).isEqualTo("model/gltf-binary");
    assertThat(new String(Arrays.copyOf(glb.bytes(), 4))).isEqualTo("glTF");
    assertThat(api.get("/v1/me", key).body().path("credits").path("balance").asLong())
        .isEqualTo(14);
    assertThat(uploads.find(created.path("id").asText()).orElseThrow().usedAt())
        .as("used, so kept past 24 h")
        .isNotNull();
  }

  @Test
  void bytesThatAreNotTheDeclaredTypeAreRefusedAndDeleted() {
    String key = api.signUp(0);
    byte[] fake = new byte[2000];
    byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    System.arraycopy(signature, 0, fake, 0, signature.length);
    JsonNode created = create(key, "image/png", fake.length, null);
    assertThat(send(created, "image/png", fake).status()).isEqualTo(200);

    var refused = api.post(completePath(created), key, "");
    assertProblem(refused, 422, "UPLOAD_INVALID");
    Upload row = uploads.find(created.path("id").asText()).orElseThrow();
    assertThat(row.status()).isEqualTo("invalid");
    assertThat(storage.stat(row.storageKey())).isEmpty();
    assertThat(storage.stat(row.incomingKey())).isEmpty();
    assertProblem(api.post(completePath(created), key, ""), 409, "CONFLICT");
  }

  @Test
  void aTruncatedJpegIsRefused() throws Exception {
    String key = api.signUp(0);
    byte[] photo = jpeg(320, 240);
    byte[] cut = Arrays.copyOf(photo, photo.length / 2);
    JsonNode created = create(key, "image/jpeg", cut.length, null);
    send(created, "image/jpeg", cut);
    assertProblem(api.post(completePath(created), key, ""), 422, "UPLOAD_INVALID");
  }

  @Test
  void moreBytesThanDeclaredAreRefusedAndNothingIsStored() throws Exception {
    String key = api.signUp(0);
    byte[] photo = jpeg(64, 64);
    JsonNode created = create(key, "image/jpeg", photo.length - 1, null);

    assertProblem(send(created, "image/jpeg", photo), 413, "PAYLOAD_TOO_LARGE");
    assertProblem(api.post(completePath(created), key, ""), 409, "UPLOAD_NOT_RECEIVED");
    assertThat(api.get("/v1/uploads/" + created.path("id").asText(), key)
            .body()
            .path("status")
            .asText())
        .isEqualTo("pending");
  }

  @Test
  void theUploadUrlTakesOnlyItsContentTypeAndItsSignature() throws Exception {
    String key = api.signUp(0);
    byte[] photo = jpeg(64, 64);
    JsonNode created = create(key, "image/jpeg", photo.length, null);
    String url = created.path("uploadUrl").asText();

    assertProblem(api.putBytes(url, "image/png", photo), 415, "UNSUPPORTED_MEDIA_TYPE");
    assertProblem(
        api.putBytes(url.replace("signature=", "signature=x"), "image/jpeg", photo),
        403,
        "INVALID_SIGNATURE");
    assertProblem(
        api.putBytes(
            url.replace("size=" + photo.length, "size=" + (photo.length * 2)), "image/jpeg", photo),
        403,
        "INVALID_SIGNATURE");
    assertProblem(
        api.download(url.replace("contentType=image%2Fjpeg&", "")), 403, "INVALID_SIGNATURE");
    assertProblem(api.post(completePath(created), key, ""), 409, "UPLOAD_NOT_RECEIVED");
  }

  @Test
  void completingBeforeTheBytesArriveIs409AndTheUploadCanStillBeCompleted() throws Exception {
    String key = api.signUp(0);
    byte[] photo = jpeg(64, 48);
    JsonNode created = create(key, "image/jpeg", photo.length, null);

    assertProblem(api.post(completePath(created), key, ""), 409, "UPLOAD_NOT_RECEIVED");
    send(created, "image/jpeg", photo);
    assertThat(api.post(completePath(created), key, "").status()).isEqualTo(200);
    assertProblem(api.post(completePath(created), key, ""), 409, "CONFLICT");
  }

  @Test
  void anUploadNotReadyOrOfAnotherKindOrUserIsRefusedInAnInputNamingTheField() throws Exception {
    String key = api.signUp(20);
    String other = api.signUp(20);
    byte[] photo = jpeg(64, 48);
    JsonNode pending = create(key, "image/jpeg", photo.length, null);
    send(pending, "image/jpeg", photo);
    byte[] sound = wav();
    JsonNode audio = create(key, "audio/wav", sound.length, null);
    send(audio, "audio/wav", sound);
    assertThat(api.post(completePath(audio), key, "").status()).isEqualTo(200);
    JsonNode theirs = create(other, "image/jpeg", photo.length, null);
    send(theirs, "image/jpeg", photo);
    assertThat(api.post(completePath(theirs), other, "").status()).isEqualTo(200);

    String notReady = refusedInput(key, pending.path("id").asText());
    String wrongKind = refusedInput(key, audio.path("id").asText());
    String someoneElses = refusedInput(key, theirs.path("id").asText());
    String unknown = refusedInput(key, "upl_00000000000000000000");

    assertThat(notReady).contains("ready");
    assertThat(wrongKind).contains("image");
    assertThat(someoneElses).as("never reveal that it exists").isEqualTo(unknown);
    assertThat(api.get("/v1/me", key).body().path("credits").path("balance").asLong())
        .isEqualTo(20);
    assertThat(api.get("/v1/generations", key).body().path("data")).isEmpty();
  }

  @Test
  void anUploadThatExpiresWhileABatchIsAcceptedIsRefusedNamingItsItem() throws Exception {
    String key = api.signUp(40);
    byte[] photo = jpeg(64, 48);
    JsonNode upload = create(key, "image/jpeg", photo.length, null);
    send(upload, "image/jpeg", photo);
    assertThat(api.post(completePath(upload), key, "").status()).isEqualTo(200);
    String uploadId = upload.path("id").asText();
    String batch = """
        {"items": [{"type": "image", "input": {"prompt": "a fox", "width": 256, "height": 256}},
                   {"type": "image-to-3d", "input": {"imageUploadId": "%s"}}]}""".formatted(uploadId);

    // The batch resolves the upload (ready), then its create transaction marks it used with a
    // conditional update of the upload's row. Holding that row here stops the request at that
    // update; the upload then expires (what its 24 h timer does) before the request goes on.
    ApiClient.Response refused;
    try (ExecutorService client = Executors.newSingleThreadExecutor();
        Connection row = dataSource.getConnection()) {
      row.setAutoCommit(false);
      try (PreparedStatement lock =
          row.prepareStatement("select id from uploads where id = ? for update")) {
        lock.setString(1, uploadId);
        lock.executeQuery().close();
      }
      Future<ApiClient.Response> request = client.submit(() -> api.post("/v1/batches", key, batch));
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> waitingToMarkUsed() > 0);
      try (PreparedStatement expire = row.prepareStatement(
          "update uploads set status = 'expired' where id = ? and status = 'ready'"
              + " and used_at is null")) {
        expire.setString(1, uploadId);
        assertThat(expire.executeUpdate()).isEqualTo(1);
      }
      row.commit();
      refused = request.get(30, TimeUnit.SECONDS);
    }

    assertProblem(refused, 422, "VALIDATION_FAILED");
    assertThat(refused.body().path("errors"))
        .singleElement()
        .satisfies(
            e -> assertThat(e.path("field").asText()).isEqualTo("items[1].input.imageUploadId"))
        .satisfies(e -> assertThat(e.path("message").asText()).contains("expired"));
    assertThat(api.get("/v1/generations", key).body().path("data")).isEmpty();
    JsonNode credits = api.get("/v1/me", key).body().path("credits");
    assertThat(credits.path("balance").asLong()).isEqualTo(40);
    assertThat(credits.path("reserved").asLong()).isZero();
  }

  /** Requests whose create transaction waits for a row lock in its update of an upload's use. */
  private long waitingToMarkUsed() {
    return JdbcClient.create(dataSource)
        .sql("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
            + " and query like 'update uploads set used_at%'")
        .query(Long.class)
        .single();
  }

  @Test
  void anotherUsersUploadIsNotFound() throws Exception {
    String key = api.signUp(0);
    String other = api.signUp(0);
    JsonNode created = create(key, "image/png", 100, null);
    String id = created.path("id").asText();

    assertProblem(api.get("/v1/uploads/" + id, other), 404, "NOT_FOUND");
    assertProblem(api.post("/v1/uploads/" + id + "/complete", other, ""), 404, "NOT_FOUND");
    assertThat(api.get("/v1/uploads", other).body().path("data")).isEmpty();
    assertThat(api.get("/v1/uploads", key).body().path("data"))
        .extracting(u -> u.path("id").asText())
        .containsExactly(id);
  }

  @Test
  void uploadsAreListedNewestFirstPageByPage() {
    String key = api.signUp(0);
    String first = create(key, "image/png", 10, null).path("id").asText();
    String second = create(key, "audio/mpeg", 10, null).path("id").asText();
    String third = create(key, "video/mp4", 10, null).path("id").asText();

    JsonNode page = api.get("/v1/uploads?limit=2", key).body();
    assertThat(page.path("data"))
        .extracting(u -> u.path("id").asText())
        .containsExactly(third, second);
    JsonNode rest = api.get(
            "/v1/uploads?limit=2&cursor=" + page.path("nextCursor").asText(), key)
        .body();
    assertThat(rest.path("data")).extracting(u -> u.path("id").asText()).containsExactly(first);
    assertThat(rest.path("nextCursor").isNull()).isTrue();
  }

  @Test
  void aBadUploadRequestIs422() {
    String key = api.signUp(0);
    assertField(
        api.post("/v1/uploads", key, "{\"contentType\":\"image/gif\",\"sizeBytes\":9}"),
        "contentType");
    assertField(
        api.post("/v1/uploads", key, "{\"contentType\":\"image/png\",\"sizeBytes\":0}"),
        "sizeBytes");
    assertField(
        api.post("/v1/uploads", key, "{\"contentType\":\"image/png\",\"sizeBytes\":10485761}"),
        "sizeBytes");
    assertField(api.post("/v1/uploads", key, "{\"sizeBytes\":9}"), "contentType");
    assertThat(api.post("/v1/uploads", key, "{\"contentType\":\"image/png\",\"sizeBytes\":\"x\"}")
            .status())
        .as("a wrong type, as everywhere in this API")
        .isEqualTo(422);
    assertThat(api.post("/v1/uploads", null, "{\"contentType\":\"image/png\",\"sizeBytes\":9}")
            .status())
        .isEqualTo(401);
    assertThat(api.get("/v1/uploads", key).body().path("data")).isEmpty();
  }

  private String refusedInput(String key, String uploadId) {
    var refused = api.post(
        "/v1/generations",
        key,
        "{\"type\":\"image-to-3d\",\"input\":{\"imageUploadId\":\"" + uploadId + "\"}}");
    assertProblem(refused, 422, "VALIDATION_FAILED");
    JsonNode error = refused.body().path("errors").get(0);
    assertThat(error.path("field").asText()).isEqualTo("input.imageUploadId");
    return error.path("message").asText().replace(uploadId, "<id>");
  }

  private JsonNode create(String key, String type, long size, String extra) {
    var created = api.post(
        "/v1/uploads",
        key,
        "{\"contentType\":\"" + type + "\",\"sizeBytes\":" + size
            + (extra == null ? "" : "," + extra) + "}");
    assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
    return created.body();
  }

  private ApiClient.Response send(JsonNode upload, String type, byte[] bytes) {
    return api.putBytes(upload.path("uploadUrl").asText(), type, bytes);
  }

  private static String completePath(JsonNode upload) {
    return "/v1/uploads/" + upload.path("id").asText() + "/complete";
  }

  private static void assertProblem(ApiClient.Response response, int status, String code) {
    assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body().path("code").asText()).isEqualTo(code);
  }

  private static void assertField(ApiClient.Response response, String field) {
    assertProblem(response, 422, "VALIDATION_FAILED");
    assertThat(response.body().path("errors"))
        .extracting(e -> e.path("field").asText())
        .contains(field);
  }

  private JsonNode run(String key, String body) {
    var created = api.post("/v1/generations", key, body);
    assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
    String id = created.body().path("id").asText();
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
      last[0] = api.get("/v1/generations/" + id, key).body();
      return last[0].path("completedAt").isTextual();
    });
    return last[0];
  }

  private static String step(JsonNode generation, String name) {
    for (JsonNode step : generation.path("steps")) {
      if (step.path("name").asText().equals(name)) {
        return step.path("status").asText();
      }
    }
    return null;
  }

  /** A photo-like picture: gradients and shapes, saved as JPEG. */
  static byte[] jpeg(int width, int height) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    for (int x = 0; x < width; x++) {
      g.setColor(new Color(x * 255 / width, 120, 255 - x * 255 / width));
      g.drawLine(x, 0, x, height);
    }
    g.setColor(Color.YELLOW);
    g.fillOval(width / 4, height / 4, width / 2, height / 2);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpeg", out);
    return out.toByteArray();
  }

  /** Half a second of a 440 Hz tone, 16-bit mono WAV. */
  static byte[] wav() throws IOException {
    AudioFormat format = new AudioFormat(22_050, 16, 1, true, false);
    byte[] pcm = new byte[22_050];
    for (int i = 0; i < pcm.length / 2; i++) {
      short sample = (short) (Math.sin(2 * Math.PI * 440 * i / 22_050.0) * 8000);
      pcm[2 * i] = (byte) sample;
      pcm[2 * i + 1] = (byte) (sample >> 8);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AudioSystem.write(
        new AudioInputStream(new ByteArrayInputStream(pcm), format, pcm.length / 2),
        AudioFileFormat.Type.WAVE,
        out);
    return out.toByteArray();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
