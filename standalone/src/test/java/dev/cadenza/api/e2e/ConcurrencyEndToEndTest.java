package dev.cadenza.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadenza.credits.LedgerAudit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Per-user concurrency over HTTP on the embedded stack: songs beyond the user's limit wait as
 * {@code queued} and run one after another, in submission order; none is refused.
 */
class ConcurrencyEndToEndTest extends EmbeddedStackTest {
  private static final String SONG =
      "{\"type\":\"song\",\"input\":{\"description\":\"rain, take %d\",\"durationSeconds\":10}}";

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
  void userLimitedToOneSeesThreeSongsRunOneAfterAnotherAllSucceeding() {
    String key = api.signUp(100);
    String userId = api.get("/v1/me", key).body().path("id").asText();
    ApiClient.Response set =
        api.put("/v1/admin/users/" + userId + "/concurrency", ADMIN, "{\"maxConcurrent\":1}");
    assertThat(set.status()).isEqualTo(200);
    assertThat(set.body().path("maxConcurrent").asInt()).isEqualTo(1);
    assertThat(api.get("/v1/me", key).body().path("maxConcurrent").asInt()).isEqualTo(1);

    List<String> ids = new ArrayList<>();
    for (int take = 1; take <= 3; take++) {
      ApiClient.Response created = api.post("/v1/generations", key, SONG.formatted(take));
      assertThat(created.status()).isEqualTo(201);
      ids.add(created.body().path("id").asText());
    }
    // While the first runs, the others wait as queued; all three hold their cost.
    await().atMost(Duration.ofSeconds(30)).until(() -> status(key, ids.get(0)).equals("running"));
    assertThat(status(key, ids.get(2))).isEqualTo("queued");
    assertThat(api.get("/v1/me", key).body().path("credits").path("reserved").asLong())
        .isEqualTo(30);

    List<JsonNode> songs = ids.stream().map(id -> awaitTerminal(key, id)).toList();

    assertThat(songs).allSatisfy(s -> assertThat(s.path("status").asText()).isEqualTo("succeeded"));
    for (int i = 1; i < songs.size(); i++) {
      Instant previousEnded = Instant.parse(songs.get(i - 1).path("completedAt").asText());
      Instant started = Instant.parse(songs.get(i).path("startedAt").asText());
      assertThat(started)
          .as("song %d starts after song %d ended", i + 1, i)
          .isAfterOrEqualTo(previousEnded);
    }
    JsonNode me = api.get("/v1/me", key).body();
    assertThat(me.path("credits").path("balance").asLong()).isEqualTo(70);
    assertThat(me.path("credits").path("reserved").asLong()).isZero();
  }

  @Test
  void queuedSongCanceledWhileWaitingIsRefundedAndNeverRuns() {
    String key = api.signUp(100);
    String userId = api.get("/v1/me", key).body().path("id").asText();
    api.put("/v1/admin/users/" + userId + "/concurrency", ADMIN, "{\"maxConcurrent\":1}");
    String first =
        api.post("/v1/generations", key, SONG.formatted(1)).body().path("id").asText();
    await().atMost(Duration.ofSeconds(30)).until(() -> status(key, first).equals("running"));
    String waiting =
        api.post("/v1/generations", key, SONG.formatted(2)).body().path("id").asText();

    ApiClient.Response canceled = api.post("/v1/generations/" + waiting + "/cancel", key, "");

    assertThat(canceled.status()).isEqualTo(202);
    JsonNode ended = awaitTerminal(key, waiting);
    assertThat(ended.path("status").asText()).isEqualTo("canceled");
    assertThat(ended.path("startedAt").isNull()).isTrue();
    assertThat(awaitTerminal(key, first).path("status").asText()).isEqualTo("succeeded");
    JsonNode me = api.get("/v1/me", key).body();
    assertThat(me.path("credits").path("balance").asLong()).isEqualTo(90);
    assertThat(me.path("credits").path("reserved").asLong()).isZero();
  }

  @Test
  void concurrencyIsAnAdminSettingWithValidatedBounds() {
    String key = api.signUp(0);
    String userId = api.get("/v1/me", key).body().path("id").asText();
    String path = "/v1/admin/users/" + userId + "/concurrency";

    assertThat(api.get("/v1/me", key).body().path("maxConcurrent").asInt()).isEqualTo(2);
    assertThat(api.put(path, key, "{\"maxConcurrent\":5}").status()).isEqualTo(403);
    assertThat(api.put(path, ADMIN, "{\"maxConcurrent\":0}").status()).isEqualTo(422);
    assertThat(api.put(path, ADMIN, "{\"maxConcurrent\":101}").status()).isEqualTo(422);
    assertThat(api.put("/v1/admin/users/usr_nobody/concurrency", ADMIN, "{\"maxConcurrent\":3}")
            .status())
        .isEqualTo(404);
    assertThat(api.put(path, ADMIN, "{\"maxConcurrent\":null}")
            .body()
            .path("maxConcurrent")
            .asInt())
        .isEqualTo(2);
  }

  private String status(String key, String id) {
    return api.get("/v1/generations/" + id, key).body().path("status").asText();
  }

  private JsonNode awaitTerminal(String key, String id) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      last[0] = api.get("/v1/generations/" + id, key).body();
      return last[0].path("completedAt").isTextual();
    });
    return last[0];
  }
}
