package dev.cadenza.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadenza.credits.LedgerAudit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code POST /v1/batches} over HTTP on the embedded stack: all or nothing, each its own. */
class BatchesEndToEndTest extends EmbeddedStackTest {
  private static final String VARIANT = "{\"type\":\"song\",\"input\":{\"description\":"
      + "\"rain on a window\",\"durationSeconds\":10,\"seed\":7,\"guidanceScale\":%s}}";

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
  void twoVariantSongIsTwoGenerationsWithTheirOwnGuidanceAndHolds() {
    String key = api.signUp(100);

    ApiClient.Response batch = api.post(
        "/v1/batches",
        key,
        "{\"items\":[" + VARIANT.formatted("7.5") + "," + VARIANT.formatted("15") + "]}");

    assertThat(batch.status()).isEqualTo(201);
    assertThat(batch.body().path("id").asText()).startsWith("bat_");
    List<String> ids = new ArrayList<>();
    batch.body().path("generations").forEach(g -> ids.add(g.path("id").asText()));
    assertThat(ids).hasSize(2).doesNotHaveDuplicates();
    assertThat(api.get("/v1/me", key).body().path("credits").path("reserved").asLong())
        .isLessThanOrEqualTo(20);
    List<JsonNode> done = ids.stream().map(id -> awaitTerminal(key, id)).toList();
    assertThat(done).allSatisfy(g -> assertThat(g.path("status").asText()).isEqualTo("succeeded"));
    assertThat(done)
        .extracting(g -> g.path("input").path("guidanceScale").asDouble())
        .containsExactly(7.5, 15.0);
    assertThat(done)
        .extracting(g -> g.path("output").path("guidanceScale").asDouble())
        .containsExactly(7.5, 15.0);
    JsonNode me = api.get("/v1/me", key).body();
    assertThat(me.path("credits").path("balance").asLong()).isEqualTo(80);
    assertThat(me.path("credits").path("reserved").asLong()).isZero();
  }

  @Test
  void batchLargerThanTheBalanceIsRefusedWholeAndCreatesNothing() {
    String key = api.signUp(15); // one song (10) fits, two do not

    ApiClient.Response batch = api.post(
        "/v1/batches",
        key,
        "{\"items\":[" + VARIANT.formatted("7.5") + "," + VARIANT.formatted("15") + "]}");

    assertThat(batch.status()).isEqualTo(402);
    assertThat(batch.contentType()).contains("application/problem+json");
    assertThat(batch.body().path("code").asText()).isEqualTo("INSUFFICIENT_CREDITS");
    assertThat(api.get("/v1/generations", key).body().path("data")).isEmpty();
    JsonNode me = api.get("/v1/me", key).body();
    assertThat(me.path("credits").path("balance").asLong()).isEqualTo(15);
    assertThat(me.path("credits").path("reserved").asLong()).isZero();
  }

  @Test
  void invalidBatchesAreRefusedWithTheItemNamed() {
    String key = api.signUp(100);
    String nine = String.join(",", java.util.Collections.nCopies(9, VARIANT.formatted("7.5")));

    assertThat(api.post("/v1/batches", key, "{\"items\":[" + nine + "]}").status())
        .isEqualTo(422);
    assertThat(api.post("/v1/batches", key, "{\"items\":[]}").status()).isEqualTo(422);
    ApiClient.Response bad = api.post(
        "/v1/batches",
        key,
        "{\"items\":[" + VARIANT.formatted("7.5") + ",{\"type\":\"poem\",\"input\":{}}]}");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.body().toString()).contains("items[1].type");
    assertThat(api.get("/v1/generations", key).body().path("data")).isEmpty();
    assertThat(api.get("/v1/me", key).body().path("credits").path("reserved").asLong())
        .isZero();
  }

  private JsonNode awaitTerminal(String key, String id) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
      last[0] = api.get("/v1/generations/" + id, key).body();
      return last[0].path("completedAt").isTextual();
    });
    return last[0];
  }
}
