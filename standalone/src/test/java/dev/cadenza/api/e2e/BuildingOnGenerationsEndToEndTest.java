package dev.cadenza.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadenza.credits.LedgerAudit;
import dev.cadenza.storage.ObjectStorage;
import dev.cadenza.testsupport.LocalHttpServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * API.md "Building on earlier generations" over HTTP on the embedded stack: an image-to-3d from
 * an earlier image ({@code imageFrom}), a song remixed from a published one ({@code remixOf}),
 * {@code parentId} on the result, and every parent that may not be used refused with a 422 that
 * leaves nothing behind (no generation, no hold).
 */
class BuildingOnGenerationsEndToEndTest extends EmbeddedStackTest {

  @Autowired
  DataSource dataSource;

  @Autowired
  ObjectStorage storage;

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
  void anImageBecomesA3dModelAndOnlyTheMeshStepRunsAndIsCharged() throws Exception {
    String key = api.signUp(20);
    JsonNode image =
        run(key, "{\"type\":\"image\",\"input\":{\"prompt\":\"a red fox\",\"width\":320}}");
    assertThat(image.path("status").asText()).isEqualTo("succeeded");
    assertThat(image.path("parentId").isNull()).as("built on nothing").isTrue();

    JsonNode mesh = run(
        key,
        "{\"type\":\"image-to-3d\",\"input\":{\"imageFrom\":\"" + id(image)
            + "\",\"style\":\"smooth\"}}");

    assertThat(mesh.path("status").asText()).isEqualTo("succeeded");
    assertThat(mesh.path("parentId").asText()).isEqualTo(id(image));
    assertThat(mesh.path("input").path("imageFrom").asText()).isEqualTo(id(image));
    assertThat(mesh.path("cost").asLong()).as("the mesh step's price only").isEqualTo(6);
    assertThat(step(mesh, "generateImage")).isEqualTo("skipped");
    assertThat(step(mesh, "fetchImage")).isEqualTo("skipped");
    assertThat(step(mesh, "generateMesh")).isEqualTo("succeeded");
    // The output's image is the parent's picture, byte for byte, under the new generation's key.
    JsonNode picture = mesh.path("output").path("image");
    JsonNode parentPicture = image.path("output").path("image");
    assertThat(picture.path("sha256").asText())
        .isEqualTo(parentPicture.path("sha256").asText());
    assertThat(picture.path("width").asInt()).isEqualTo(320);
    assertThat(api.download(picture.path("url").asText()).bytes())
        .isEqualTo(api.download(parentPicture.path("url").asText()).bytes());
    assertThat(storage.stat("generations/" + id(mesh) + "/image.png")).isPresent();
    var glb = api.download(mesh.path("output").path("model").path("url").asText());
    assertThat(glb.contentType()).isEqualTo("model/gltf-binary");
    assertThat(new String(glb.bytes(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("glTF");

    // The model's image can itself be lifted again: an image-to-3d is a parent too.
    JsonNode again =
        run(key, "{\"type\":\"image-to-3d\",\"input\":{\"imageFrom\":\"" + id(mesh) + "\"}}");
    assertThat(again.path("status").asText()).isEqualTo("succeeded");
    assertThat(again.path("parentId").asText()).isEqualTo(id(mesh));
    assertThat(again.path("output").path("image").path("sha256").asText())
        .isEqualTo(parentPicture.path("sha256").asText());

    JsonNode account = api.get("/v1/me", key).body().path("credits");
    assertThat(account.path("balance").asLong()).isEqualTo(20 - 2 - 6 - 6);
    assertThat(account.path("reserved").asLong()).isZero();
    assertThat(api.get("/v1/credits/transactions", key).body().path("data"))
        .filteredOn(t -> t.path("type").asText().equals("spend"))
        .extracting(t -> t.path("referenceId").asText())
        .containsExactly(id(again), id(mesh), id(image));
    // parentId is shown in lists too.
    assertThat(api.get("/v1/generations?type=image-to-3d", key).body().path("data"))
        .extracting(g -> g.path("parentId").asText())
        .containsExactly(id(mesh), id(image));
  }

  @Test
  void aPublishedSongIsRemixedByAnotherUserWithItsPromptAndLyricsAndANewSeed() {
    String ana = api.signUp(20);
    String ben = api.signUp(30);
    JsonNode song = run(ana, """
        {"type": "song", "input": {"prompt": "dreamy synth pop", "lyrics": "rain on the window",
          "durationSeconds": 10, "guidanceScale": 9, "seed": 5}}""");
    assertThat(song.path("status").asText()).isEqualTo("succeeded");
    assertThat(api.post("/v1/generations/" + id(song) + "/publish", ana, "").status())
        .isEqualTo(200);

    JsonNode remix = run(ben, "{\"type\":\"song\",\"input\":{\"remixOf\":\"" + id(song) + "\"}}");

    assertThat(remix.path("status").asText()).isEqualTo("succeeded");
    assertThat(remix.path("parentId").asText()).isEqualTo(id(song));
    JsonNode input = remix.path("input");
    assertThat(input.path("remixOf").asText()).isEqualTo(id(song));
    assertThat(input.path("prompt").asText()).isEqualTo("dreamy synth pop");
    assertThat(input.path("lyrics").asText()).isEqualTo("rain on the window");
    assertThat(input.path("durationSeconds").asInt()).isEqualTo(10);
    assertThat(input.path("guidanceScale").asDouble()).isEqualTo(9.0);
    assertThat(input.path("instrumental").asBoolean()).isFalse();
    assertThat(input.path("seed").asLong()).as("a new seed").isNotEqualTo(5);
    assertThat(remix.path("output").path("lyrics").asText()).isEqualTo("rain on the window");
    // The user's own prompt and lyrics: no LLM writing step runs.
    assertThat(step(remix, "writePrompt")).isEqualTo("skipped");
    assertThat(step(remix, "writeLyrics")).isEqualTo("skipped");
    assertThat(remix.path("cost").asLong()).isEqualTo(10);

    // Fields the request gives replace the parent's; the seed given is kept.
    JsonNode metal = api.post("/v1/generations", ben, """
            {"type": "song", "input": {"remixOf": "%s", "prompt": "heavy metal", "seed": 42}}""".formatted(id(song))).body();
    assertThat(metal.path("parentId").asText()).isEqualTo(id(song));
    assertThat(metal.path("input").path("prompt").asText()).isEqualTo("heavy metal");
    assertThat(metal.path("input").path("lyrics").asText()).isEqualTo("rain on the window");
    assertThat(metal.path("input").path("seed").asLong()).isEqualTo(42);
    // New lyrics from a description: the LLM writes them, the prompt is still inherited.
    JsonNode rewritten = run(ben, """
            {"type": "song", "input": {"remixOf": "%s", "lyricsDescription": "about the sea"}}""".formatted(id(song)));
    assertThat(rewritten.path("input").path("prompt").asText()).isEqualTo("dreamy synth pop");
    assertThat(rewritten.path("input").has("lyrics")).isFalse();
    assertThat(step(rewritten, "writeLyrics")).isEqualTo("succeeded");
    awaitTerminal(ben, id(metal));

    // Unpublished, Ana's song is invisible to Ben: the same answer as an id that never existed.
    api.delete("/v1/generations/" + id(song) + "/publish", ana);
    var hidden = refused(ben, "{\"type\":\"song\",\"input\":{\"remixOf\":\"" + id(song) + "\"}}");
    var missing = refused(ben, "{\"type\":\"song\",\"input\":{\"remixOf\":\"gen_0000\"}}");
    assertThat(hidden.body()).isEqualTo(missing.body());
    assertThat(hidden.body().path("errors").get(0).path("field").asText())
        .isEqualTo("input.remixOf");
    assertThat(hidden.body().toString()).doesNotContain(id(song));
    // Its owner still remixes it, unpublished.
    JsonNode own = run(ana, "{\"type\":\"song\",\"input\":{\"remixOf\":\"" + id(song) + "\"}}");
    assertThat(own.path("status").asText()).isEqualTo("succeeded");
    assertThat(own.path("parentId").asText()).isEqualTo(id(song));
  }

  @Test
  void anInstrumentalRemixKeepsItsInstrumentalAndLyricsOfOneOwnReplaceIt() {
    String key = api.signUp(30);
    JsonNode song = run(key, """
        {"type": "song", "input": {"prompt": "calm piano", "instrumental": true,
          "durationSeconds": 10}}""");
    assertThat(song.path("status").asText()).isEqualTo("succeeded");

    JsonNode remix = api.post(
            "/v1/generations",
            key,
            "{\"type\":\"song\",\"input\":{\"remixOf\":\"" + id(song) + "\"}}")
        .body();
    assertThat(remix.path("input").path("instrumental").asBoolean()).isTrue();
    assertThat(remix.path("input").has("lyrics")).isFalse();
    JsonNode sung = api.post("/v1/generations", key, """
            {"type": "song", "input": {"remixOf": "%s", "lyrics": "now with words"}}""".formatted(id(song))).body();
    assertThat(sung.path("input").path("instrumental").asBoolean()).isFalse();
    assertThat(sung.path("input").path("lyrics").asText()).isEqualTo("now with words");
    assertThat(sung.path("input").path("prompt").asText()).isEqualTo("calm piano");
    // Not instrumental any more, and the parent has no words to inherit: the request must say.
    var wordless = refused(key, """
        {"type": "song", "input": {"remixOf": "%s", "instrumental": false}}""".formatted(id(song)));
    assertThat(wordless.body().path("errors").get(0).path("message").asText()).contains("lyrics");
    awaitTerminal(key, id(remix));
    awaitTerminal(key, id(sung));
  }

  @Test
  void parentsThatMayNotBeUsedAre422AndLeaveNothingBehind() {
    files.serve("/page", 200, "text/html", "<html>".getBytes());
    String ana = api.signUp(40);
    String ben = api.signUp(40);
    JsonNode image = run(ana, "{\"type\":\"image\",\"input\":{\"prompt\":\"an owl\"}}");
    JsonNode song = run(ana, """
        {"type": "song", "input": {"prompt": "lo-fi", "lyrics": "hum", "durationSeconds": 10}}""");
    JsonNode failed = run(
        ana, "{\"type\":\"image-to-3d\",\"input\":{\"imageUrl\":\"" + files.url("/page") + "\"}}");
    assertThat(failed.path("status").asText()).isEqualTo("failed");
    String canceled = api.post("/v1/generations", ana, """
            {"type": "song", "input": {"prompt": "long", "lyrics": "la", "durationSeconds": 240}}""").body().path("id").asText();
    api.post("/v1/generations/" + canceled + "/cancel", ana, "");
    assertThat(awaitTerminal(ana, canceled).path("status").asText()).isEqualTo("canceled");
    // Published images are still not Ben's to lift: imageFrom takes own images only.
    api.post("/v1/generations/" + id(image) + "/publish", ana, "");
    JsonNode anaBefore = api.get("/v1/me", ana).body().path("credits");
    JsonNode benBefore = api.get("/v1/me", ben).body().path("credits");
    int anaCount = count(ana);

    String missingImage = message(
        refused(ana, "{\"type\":\"image-to-3d\",\"input\":{\"imageFrom\":\"gen_00000000\"}}"));
    assertThat(missingImage).contains("no such generation");
    assertThat(message(refused(
            ben, "{\"type\":\"image-to-3d\",\"input\":{\"imageFrom\":\"" + id(image) + "\"}}")))
        .as("someone else's image, even published: as if it did not exist")
        .isEqualTo(missingImage);
    assertThat(message(refused(
            ana, "{\"type\":\"image-to-3d\",\"input\":{\"imageFrom\":\"" + id(song) + "\"}}")))
        .contains("image or image-to-3d", "song");
    assertThat(message(refused(
            ana, "{\"type\":\"image-to-3d\",\"input\":{\"imageFrom\":\"" + id(failed) + "\"}}")))
        .contains("succeeded", "failed");
    assertThat(message(
            refused(ana, "{\"type\":\"song\",\"input\":{\"remixOf\":\"" + id(image) + "\"}}")))
        .contains("must be a song", "image");
    assertThat(message(
            refused(ana, "{\"type\":\"song\",\"input\":{\"remixOf\":\"" + canceled + "\"}}")))
        .contains("succeeded", "canceled");
    assertThat(message(refused(ben, "{\"type\":\"song\",\"input\":{\"remixOf\":42}}")))
        .contains("string");
    // imageFrom is one picture source among the others, never beside one.
    var both = api.post("/v1/generations", ana, """
        {"type": "image-to-3d", "input": {"imageFrom": "%s", "prompt": "an owl"}}""".formatted(id(image)));
    assertThat(both.status()).isEqualTo(422);
    assertThat(both.body().path("errors").get(0).path("field").asText()).isEqualTo("input");

    // In a batch the field is named by its item, and no item of the batch is created.
    var batch = api.post("/v1/batches", ana, """
        {"items": [{"type": "image", "input": {"prompt": "fine"}},
                   {"type": "image-to-3d", "input": {"imageFrom": "%s"}}]}""".formatted(id(failed)));
    assertThat(batch.status()).isEqualTo(422);
    assertThat(batch.body().path("errors").get(0).path("field").asText())
        .isEqualTo("items[1].input.imageFrom");

    assertThat(count(ana)).as("no generation was created").isEqualTo(anaCount);
    assertThat(count(ben)).isZero();
    assertThat(api.get("/v1/me", ana).body().path("credits")).isEqualTo(anaBefore);
    assertThat(api.get("/v1/me", ben).body().path("credits")).isEqualTo(benBefore);
  }

  private ApiClient.Response refused(String key, String body) {
    var response = api.post("/v1/generations", key, body);
    assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(422);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body().path("code").asText()).isEqualTo("VALIDATION_FAILED");
    return response;
  }

  private static String message(ApiClient.Response problem) {
    JsonNode error = problem.body().path("errors").get(0);
    assertThat(error.path("field").asText()).startsWith("input.");
    return error.path("field").asText() + ": " + error.path("message").asText();
  }

  private int count(String key) {
    return api.get("/v1/generations?limit=100", key).body().path("data").size();
  }

  private JsonNode run(String key, String body) {
    var created = api.post("/v1/generations", key, body);
    assertThat(created.status())
        .as(created.body() == null ? "" : created.body().toString())
        .isEqualTo(201);
    return awaitTerminal(key, id(created.body()));
  }

  private JsonNode awaitTerminal(String key, String id) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
      last[0] = api.get("/v1/generations/" + id, key).body();
      return last[0].path("completedAt").isTextual();
    });
    return last[0];
  }

  private static String id(JsonNode generation) {
    return generation.path("id").asText();
  }

  private static String step(JsonNode generation, String name) {
    for (JsonNode step : generation.path("steps")) {
      if (step.path("name").asText().equals(name)) {
        return step.path("status").asText();
      }
    }
    return "absent";
  }
}
