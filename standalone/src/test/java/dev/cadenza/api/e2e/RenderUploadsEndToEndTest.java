package dev.cadenza.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadenza.credits.LedgerAudit;
import dev.cadenza.upload.UploadStore;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Render clips that play the user's uploads (API.md "Uploads": a render clip takes {@code
 * uploadId} beside {@code sourceUrl}): read from storage, never fetched; refused with 422 naming
 * the clip's field when not ready, not the user's, unknown or of the wrong kind for the track, and
 * then nothing is held nor used.
 */
class RenderUploadsEndToEndTest extends EmbeddedStackTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern MAX_VOLUME = Pattern.compile("max_volume: (-?[0-9.]+) dB");

  @Autowired
  DataSource dataSource;

  @Autowired
  UploadStore uploads;

  @TempDir
  Path dir;

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
  void aRenderPlaysAnUploadedMp4PngAndWavReadFromStorageWithoutFetching() throws Exception {
    String key = api.signUp(20);
    String movie = ready(key, "video/mp4", blueMp4());
    String picture = ready(key, "image/png", redPng());
    String sound = ready(key, "audio/wav", UploadsEndToEndTest.wav());

    JsonNode render = run(key, """
        {"type": "render", "input": {"timeline": {"width": 320, "height": 240, "fps": 12,
          "durationSeconds": 2, "tracks": [
            {"type": "video", "clips": [{"start": 0, "duration": 1, "uploadId": "%1$s"},
                                        {"start": 1, "duration": 1, "uploadId": "%1$s"}]},
            {"type": "image", "clips": [{"start": 0.75, "duration": 0.5, "uploadId": "%2$s"}]},
            {"type": "audio", "clips": [{"start": 0, "duration": 2, "uploadId": "%3$s"}]}]}}}""".formatted(movie, picture, sound));

    assertThat(render.path("status").asText()).as(render.toString()).isEqualTo("succeeded");
    assertThat(step(render, "fetchSources"))
        .as("uploads are read from storage: nothing is fetched over the network")
        .isEqualTo("skipped");
    JsonNode tracks = render.path("input").path("timeline").path("tracks");
    assertThat(tracks.path(0).path("clips").path(1).path("uploadId").asText()).isEqualTo(movie);
    assertThat(tracks.path(2).path("clips").path(0).path("uploadId").asText()).isEqualTo(sound);
    assertThat(render.path("input").toString()).doesNotContain("uploads/");

    Path video = dir.resolve("render.mp4");
    Files.write(
        video,
        api.download(render.path("output").path("video").path("url").asText()).bytes());
    JsonNode streams = JSON.readTree(FfmpegCli.run(
                "ffprobe",
                "-v",
                "error",
                "-show_entries",
                "stream=codec_type,codec_name,width,height",
                "-of",
                "json",
                video.toString())
            .text())
        .path("streams");
    List<String> kinds = new ArrayList<>();
    streams.forEach(s ->
        kinds.add(s.path("codec_type").asText() + " " + s.path("codec_name").asText()));
    assertThat(kinds).containsExactlyInAnyOrder("video h264", "audio aac");
    assertThat(maxVolume(video))
        .as("the uploaded tone is heard (silence would be -91 dB)")
        .isGreaterThan(-30);
    assertThat(frameAt(video, "0.4").getRGB(160, 120))
        .as("the uploaded MP4 shows before the picture")
        .satisfies(rgb -> assertThat(new Color(rgb).getBlue()).isGreaterThan(180))
        .satisfies(rgb -> assertThat(new Color(rgb).getRed()).isLessThan(80));
    assertThat(frameAt(video, "1.0").getRGB(160, 120))
        .as("the uploaded PNG is drawn over it from 0.75 s")
        .satisfies(rgb -> assertThat(new Color(rgb).getRed()).isGreaterThan(180))
        .satisfies(rgb -> assertThat(new Color(rgb).getBlue()).isLessThan(80));

    for (String upload : List.of(movie, picture, sound)) {
      assertThat(uploads.find(upload).orElseThrow().usedAt())
          .as("%s is used, so kept past 24 h", upload)
          .isNotNull();
    }
    JsonNode credits = api.get("/v1/me", key).body().path("credits");
    assertThat(credits.path("balance").asLong())
        .isEqualTo(20 - render.path("cost").asLong());
    assertThat(credits.path("reserved").asLong()).isZero();
  }

  @Test
  void anUploadedMp3IsTheRendersMusic() throws Exception {
    String key = api.signUp(20);
    Path mp3 = dir.resolve("tone.mp3");
    FfmpegCli.run(
        "ffmpeg",
        "-v",
        "error",
        "-f",
        "lavfi",
        "-i",
        "sine=frequency=440:duration=2",
        "-codec:a",
        "libmp3lame",
        "-b:a",
        "128k",
        mp3.toString());
    String music = ready(key, "audio/mpeg", Files.readAllBytes(mp3));

    JsonNode render = run(key, """
        {"type": "render", "input": {"timeline": {"width": 320, "height": 240, "fps": 12,
          "durationSeconds": 2, "tracks": [
            {"type": "audio", "clips": [{"start": 0, "duration": 2, "uploadId": "%s"}]}]}}}""".formatted(music));

    assertThat(render.path("status").asText()).as(render.toString()).isEqualTo("succeeded");
    Path video = dir.resolve("mp3-render.mp4");
    Files.write(
        video,
        api.download(render.path("output").path("video").path("url").asText()).bytes());
    assertThat(maxVolume(video))
        .as("the MP3's tone (-18 dB at its peak) is heard; silence would be -91 dB")
        .isBetween(-21.0, -15.0);
    assertThat(uploads.find(music).orElseThrow().usedAt()).isNotNull();
  }

  @Test
  void anUploadNotReadyNotOwnUnknownOrOfTheWrongKindIsRefusedNamingTheClipsField()
      throws Exception {
    String key = api.signUp(20);
    String other = api.signUp(20);
    byte[] tone = UploadsEndToEndTest.wav();
    String pending = created(key, "audio/wav", tone.length);
    String sound = ready(key, "audio/wav", tone);
    String picture = ready(key, "image/png", redPng());
    String theirs = ready(other, "audio/wav", tone);
    String field = "input.timeline.tracks[1].clips[0].uploadId";

    assertThat(refused(key, audioClip("\"uploadId\":\"" + pending + "\""), field))
        .contains("ready")
        .contains("/complete");
    String someoneElses = refused(key, audioClip("\"uploadId\":\"" + theirs + "\""), field);
    String unknown =
        refused(key, audioClip("\"uploadId\":\"upl_00000000000000000000000000000000\""), field);
    assertThat(someoneElses).as("never reveal that it exists").isEqualTo(unknown);
    assertThat(refused(key, audioClip("\"uploadId\":\"" + picture + "\""), field))
        .contains("audio/*")
        .contains("image/png");
    assertThat(refused(key, videoClip("\"uploadId\":\"" + sound + "\""), field))
        .contains("video/*")
        .contains("audio/wav");
    assertThat(refused(
            key,
            audioClip("\"uploadId\":\"" + sound + "\",\"sourceUrl\":\"https://example.com/a.wav\""),
            "input.timeline.tracks[1].clips[0]"))
        .contains("exactly one of sourceUrl or uploadId");

    JsonNode credits = api.get("/v1/me", key).body().path("credits");
    assertThat(credits.path("balance").asLong()).isEqualTo(20);
    assertThat(credits.path("reserved").asLong()).isZero();
    assertThat(api.get("/v1/generations", key).body().path("data")).isEmpty();
    assertThat(uploads.find(sound).orElseThrow().usedAt())
        .as("nothing was used")
        .isNull();
    assertThat(uploads.find(picture).orElseThrow().usedAt()).isNull();
  }

  @Test
  void aBatchMarksItsUploadsUsedOnlyWhenEveryItemIsAccepted() throws Exception {
    String key = api.signUp(20);
    String sound = ready(key, "audio/wav", UploadsEndToEndTest.wav());
    String good = render(audioClip("\"uploadId\":\"" + sound + "\""));
    String bad = render(audioClip("\"uploadId\":\"upl_00000000000000000000000000000000\""));

    var refused = api.post("/v1/batches", key, "{\"items\":[" + good + "," + bad + "]}");
    assertThat(refused.status()).as(String.valueOf(refused.body())).isEqualTo(422);
    assertThat(refused.body().path("errors").get(0).path("field").asText())
        .isEqualTo("items[1].input.timeline.tracks[1].clips[0].uploadId");
    assertThat(uploads.find(sound).orElseThrow().usedAt())
        .as("the batch was refused as a whole")
        .isNull();

    var created = api.post("/v1/batches", key, "{\"items\":[" + good + "," + good + "]}");
    assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
    assertThat(uploads.find(sound).orElseThrow().usedAt()).isNotNull();
    for (JsonNode generation : created.body().path("generations")) {
      JsonNode done = awaitCompleted(key, generation.path("id").asText());
      assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("succeeded");
      assertThat(step(done, "fetchSources")).isEqualTo("skipped");
    }
  }

  /** A render of a text track (so that the clip under test is on track 1) and one more. */
  private static String render(String track) {
    return """
        {"type": "render", "input": {"timeline": {"width": 160, "height": 120, "fps": 6,
          "durationSeconds": 1, "tracks": [
            {"type": "text", "clips": [{"start": 0, "duration": 1, "text": "Hi"}]}, %s]}}}""".formatted(track);
  }

  private static String audioClip(String fields) {
    return "{\"type\":\"audio\",\"clips\":[{\"start\":0,\"duration\":1," + fields + "}]}";
  }

  private static String videoClip(String fields) {
    return "{\"type\":\"video\",\"clips\":[{\"start\":0,\"duration\":1," + fields + "}]}";
  }

  /** The message of the one problem of a refused render, after checking status and field. */
  private String refused(String key, String track, String field) {
    var refused = api.post("/v1/generations", key, render(track));
    assertThat(refused.status()).as(String.valueOf(refused.body())).isEqualTo(422);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.body().path("code").asText()).isEqualTo("VALIDATION_FAILED");
    JsonNode errors = refused.body().path("errors");
    assertThat(errors).as(errors.toString()).hasSize(1);
    assertThat(errors.get(0).path("field").asText()).isEqualTo(field);
    return errors.get(0).path("message").asText().replaceAll("upl_[0-9a-f]+", "<id>");
  }

  /** A new upload, not yet sent: its id. */
  private String created(String key, String contentType, long size) {
    var created = api.post(
        "/v1/uploads", key, "{\"contentType\":\"" + contentType + "\",\"sizeBytes\":" + size + "}");
    assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
    return created.body().path("id").asText();
  }

  /** An upload sent and completed, as an app does it: its id. */
  private String ready(String key, String contentType, byte[] bytes) {
    var created = api.post(
        "/v1/uploads",
        key,
        "{\"contentType\":\"" + contentType + "\",\"sizeBytes\":" + bytes.length + "}");
    assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
    String id = created.body().path("id").asText();
    assertThat(api.putBytes(created.body().path("uploadUrl").asText(), contentType, bytes)
            .status())
        .isEqualTo(200);
    var completed = api.post("/v1/uploads/" + id + "/complete", key, "");
    assertThat(completed.status()).as(String.valueOf(completed.body())).isEqualTo(200);
    return id;
  }

  private JsonNode run(String key, String body) {
    var created = api.post("/v1/generations", key, body);
    assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
    return awaitCompleted(key, created.body().path("id").asText());
  }

  private JsonNode awaitCompleted(String key, String id) {
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

  /** Two seconds of solid blue, H.264 at 12 fps, as a phone or an editor would export it. */
  private byte[] blueMp4() throws IOException {
    Path mp4 = dir.resolve("blue.mp4");
    FfmpegCli.run(
        "ffmpeg",
        "-v",
        "error",
        "-f",
        "lavfi",
        "-i",
        "color=c=0x0000ff:s=320x240:r=12:d=2",
        "-c:v",
        "libx264",
        "-pix_fmt",
        "yuv420p",
        "-movflags",
        "+faststart",
        mp4.toString());
    return Files.readAllBytes(mp4);
  }

  private static byte[] redPng() throws IOException {
    BufferedImage image = new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.RED);
    g.fillRect(0, 0, 160, 120);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private static BufferedImage frameAt(Path video, String seconds) throws IOException {
    byte[] png = FfmpegCli.run(
            "ffmpeg",
            "-v",
            "error",
            "-ss",
            seconds,
            "-i",
            video.toString(),
            "-frames:v",
            "1",
            "-f",
            "image2pipe",
            "-vcodec",
            "png",
            "-")
        .stdout();
    return ImageIO.read(new ByteArrayInputStream(png));
  }

  private static double maxVolume(Path video) {
    String log = FfmpegCli.run(
            "ffmpeg", "-i", video.toString(), "-af", "volumedetect", "-vn", "-f", "null", "-")
        .stderr();
    Matcher matcher = MAX_VOLUME.matcher(log);
    assertThat(matcher.find()).as(log).isTrue();
    return Double.parseDouble(matcher.group(1));
  }
}
