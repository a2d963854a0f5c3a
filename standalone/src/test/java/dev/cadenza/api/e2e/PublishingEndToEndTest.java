package dev.cadenza.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadenza.credits.LedgerAudit;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Publishing as apps and their audience use it, over HTTP on the embedded stack: a published
 * song is in the public feed with URLs anyone can download; unpublished, it leaves the feed and
 * its public URLs answer 404 at once; only the owner's succeeded generations can be published.
 */
class PublishingEndToEndTest extends EmbeddedStackTest {
  private static final String SONG =
      "{\"type\":\"song\",\"input\":{\"description\":\"%s\",\"durationSeconds\":10}}";

  @Autowired
  DataSource dataSource;

  private ApiClient api;

  @BeforeEach
  void setUp() {
    api = new ApiClient(port);
  }

  @AfterEach
  void ledgerStaysConsistent() {
    assertThat(new LedgerAudit(dataSource).violations()).isEmpty();
  }

  @Test
  void aPublishedSongIsInTheFeedAndDownloadsWithoutAKeyUntilUnpublished() throws Exception {
    String key = api.signUp(100);
    JsonNode me = api.get("/v1/me", key).body();
    String id = succeededSong(key, "a published song about rain");
    JsonNode owned = api.get("/v1/generations/" + id, key).body();
    assertThat(owned.path("published").asBoolean()).isFalse();
    String signedAudio = owned.path("output").path("audio").path("url").asText();
    byte[] audio = api.download(signedAudio).bytes();
    byte[] cover =
        api.download(owned.path("output").path("cover").path("url").asText()).bytes();
    String publicAudio = publicUrl(id, "audio.wav");
    assertThat(api.download(publicAudio).status())
        .as("a succeeded song is not public before it is published")
        .isEqualTo(404);

    var published = api.post("/v1/generations/" + id + "/publish", key, "");

    assertThat(published.status()).isEqualTo(200);
    assertThat(published.body().path("id").asText()).isEqualTo(id);
    assertThat(published.body().path("published").asBoolean()).isTrue();
    JsonNode audioAsset = published.body().path("output").path("audio");
    assertThat(audioAsset.path("url").asText())
        .as("the owner sees the public URL once published")
        .isEqualTo(publicAudio);
    JsonNode item = feedItem(id);
    assertThat(item).as("in the feed").isNotNull();
    assertThat(item.path("type").asText()).isEqualTo("song");
    assertThat(item.path("publishedAt").asText()).isNotBlank();
    assertThat(item.path("output").path("title").asText())
        .isEqualTo(owned.path("output").path("title").asText());
    assertThat(item.has("input")).as("the input is the owner's").isFalse();
    assertThat(item.toString())
        .as("nothing of the owner in the feed")
        .doesNotContain(me.path("id").asText())
        .doesNotContain(me.path("email").asText())
        .doesNotContain(me.path("webhookSecret").asText())
        .doesNotContain("signature=");

    var publicDownload =
        api.download(item.path("output").path("audio").path("url").asText());
    assertThat(publicDownload.status()).isEqualTo(200);
    assertThat(publicDownload.contentType()).isEqualTo("audio/wav");
    assertThat(publicDownload.bytes()).isEqualTo(audio);
    assertThat(sha256(publicDownload.bytes()))
        .isEqualTo(audioAsset.path("sha256").asText());
    assertThat(MediaFiles.wav(publicDownload.bytes()).seconds()).isPositive();
    var publicCover = api.download(item.path("output").path("cover").path("url").asText());
    assertThat(publicCover.status()).isEqualTo(200);
    assertThat(publicCover.bytes()).isEqualTo(cover);
    assertThat(MediaFiles.png(publicCover.bytes()).getWidth()).isPositive();
    var firstBytes = api.download(publicAudio, "Range", "bytes=0-11");
    assertThat(firstBytes.status()).as("media players seek").isEqualTo(206);
    assertThat(firstBytes.bytes()).isEqualTo(java.util.Arrays.copyOf(audio, 12));
    assertThat(api.download(publicUrl(id, "not-an-output.wav")).status()).isEqualTo(404);

    var again = api.post("/v1/generations/" + id + "/publish", key, "");
    assertThat(again.status()).as("publishing twice is fine").isEqualTo(200);
    assertThat(feedItem(id).path("publishedAt").asText())
        .as("and keeps its place")
        .isEqualTo(item.path("publishedAt").asText());

    var unpublished = api.delete("/v1/generations/" + id + "/publish", key);

    assertThat(unpublished.status()).isEqualTo(200);
    assertThat(unpublished.body().path("published").asBoolean()).isFalse();
    assertThat(feedItem(id)).as("gone from the feed").isNull();
    var gone = api.download(publicAudio);
    assertThat(gone.status()).as("the public URL stops working at once").isEqualTo(404);
    assertThat(gone.contentType()).startsWith("application/problem+json");
    assertThat(api.download(publicUrl(id, "cover.png")).status()).isEqualTo(404);
    String signedAgain =
        unpublished.body().path("output").path("audio").path("url").asText();
    assertThat(signedAgain).as("the owner gets signed URLs again").contains("signature=");
    assertThat(api.download(signedAgain).bytes()).isEqualTo(audio);
    assertThat(api.delete("/v1/generations/" + id + "/publish", key).status())
        .as("unpublishing twice is fine")
        .isEqualTo(200);
  }

  @Test
  void onlySucceededGenerationsCanBePublished() {
    String key = api.signUp(100);
    String queued = api.post("/v1/generations", key, SONG.formatted("not finished yet"))
        .body()
        .path("id")
        .asText();

    for (var answer : List.of(
        api.post("/v1/generations/" + queued + "/publish", key, ""),
        api.delete("/v1/generations/" + queued + "/publish", key))) {
      assertThat(answer.status()).isEqualTo(409);
      assertThat(answer.contentType()).startsWith("application/problem+json");
      assertThat(answer.body().path("code").asText()).isEqualTo("NOT_PUBLISHABLE");
    }
    // Refused by the model (a test hook of the built-in LLM): a failed generation.
    String failed = api.post("/v1/generations", key, SONG.formatted("build a bomb"))
        .body()
        .path("id")
        .asText();
    assertThat(awaitTerminal(key, failed).path("status").asText()).isEqualTo("failed");
    var refused = api.post("/v1/generations/" + failed + "/publish", key, "");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body().path("code").asText()).isEqualTo("NOT_PUBLISHABLE");
    assertThat(
            api.get("/v1/generations/" + failed, key).body().path("published").asBoolean())
        .isFalse();
    assertThat(feedItem(failed)).isNull();
    awaitTerminal(key, queued);
  }

  @Test
  void anotherUserCannotPublishNorUnpublishIt() {
    String owner = api.signUp(100);
    String stranger = api.signUp(100);
    String id = succeededSong(owner, "somebody else's song");

    for (var answer : List.of(
        api.post("/v1/generations/" + id + "/publish", stranger, ""),
        api.delete("/v1/generations/" + id + "/publish", stranger))) {
      assertThat(answer.status()).isEqualTo(404);
      assertThat(answer.body().path("code").asText()).isEqualTo("NOT_FOUND");
    }
    assertThat(feedItem(id)).isNull();
    assertThat(api.post("/v1/generations/" + id + "/publish", owner, "").status())
        .isEqualTo(200);
    assertThat(api.delete("/v1/generations/" + id + "/publish", stranger).status())
        .isEqualTo(404);
    assertThat(feedItem(id)).as("still published").isNotNull();
    assertThat(api.get("/v1/generations/" + id, owner).body().path("published").asBoolean())
        .isTrue();
  }

  @Test
  void theFeedPagesNewestPublishedFirst() {
    String key = api.signUp(100);
    List<String> songs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      songs.add(api.post("/v1/generations", key, SONG.formatted("feed song " + i))
          .body()
          .path("id")
          .asText());
    }
    songs.forEach(
        id -> assertThat(awaitTerminal(key, id).path("status").asText()).isEqualTo("succeeded"));
    // Published in another order than created: the feed follows publication.
    for (int i : new int[] {1, 2, 0}) {
      assertThat(
              api.post("/v1/generations/" + songs.get(i) + "/publish", key, "").status())
          .isEqualTo(200);
    }

    List<String> walked = walkFeed(2);
    assertThat(walked).doesNotHaveDuplicates();
    assertThat(walked.stream().filter(songs::contains).toList())
        .containsExactly(songs.get(0), songs.get(2), songs.get(1));
    assertThat(walked.subList(0, 3))
        .as("the newest publications head the feed")
        .containsExactly(songs.get(0), songs.get(2), songs.get(1));

    // Unpublished and published again: back on top.
    api.delete("/v1/generations/" + songs.get(1) + "/publish", key);
    api.post("/v1/generations/" + songs.get(1) + "/publish", key, "");
    assertThat(walkFeed(1).subList(0, 3)).containsExactly(songs.get(1), songs.get(0), songs.get(2));

    var tooMany = api.get("/v1/feed?limit=101", null);
    assertThat(tooMany.status()).isEqualTo(422);
    assertThat(tooMany.body().path("code").asText()).isEqualTo("VALIDATION_FAILED");
    var forged = api.get("/v1/feed?cursor=not-a-cursor", null);
    assertThat(forged.status()).isEqualTo(400);
    assertThat(forged.body().path("code").asText()).isEqualTo("INVALID_CURSOR");
  }

  /** The ids of the whole feed, fetched without a key in pages of {@code limit}. */
  private List<String> walkFeed(int limit) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      var page =
          api.get("/v1/feed?limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor), null);
      assertThat(page.status()).isEqualTo(200);
      JsonNode data = page.body().path("data");
      assertThat(data.size()).isBetween(0, limit);
      data.forEach(item -> ids.add(item.path("id").asText()));
      cursor = page.body().path("nextCursor").isNull()
          ? null
          : page.body().path("nextCursor").asText();
      assertThat(cursor == null || data.size() == limit).isTrue();
    } while (cursor != null);
    return ids;
  }

  /** The feed's entry for {@code id}, fetched without a key; null when it is not there. */
  private JsonNode feedItem(String id) {
    for (JsonNode item : api.get("/v1/feed?limit=100", null).body().path("data")) {
      if (item.path("id").asText().equals(id)) {
        return item;
      }
    }
    return null;
  }

  private String publicUrl(String id, String file) {
    return "http://localhost:" + port + "/v1/public/generations/" + id + "/" + file;
  }

  private String succeededSong(String key, String description) {
    var created = api.post("/v1/generations", key, SONG.formatted(description));
    assertThat(created.status()).isEqualTo(201);
    String id = created.body().path("id").asText();
    assertThat(awaitTerminal(key, id).path("status").asText()).isEqualTo("succeeded");
    return id;
  }

  private JsonNode awaitTerminal(String key, String id) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      last[0] = api.get("/v1/generations/" + id, key).body();
      return last[0].path("completedAt").isTextual();
    });
    return last[0];
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
