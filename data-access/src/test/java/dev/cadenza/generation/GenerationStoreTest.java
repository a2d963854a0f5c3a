package dev.cadenza.generation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cadenza.testsupport.TestDatabase;
import dev.cadenza.testsupport.TestGenerations;
import dev.cadenza.testsupport.TestUsers;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class GenerationStoreTest {
  private static GenerationStore store;
  private static String user;
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  @BeforeAll
  static void setUp() {
    DataSource ds = TestDatabase.fresh();
    store = new GenerationStore(JdbcClient.create(ds), new ObjectMapper());
    user = TestUsers.insert(ds);
  }

  @Test
  void aGenerationMovesFromQueuedToRunningToSucceededOnce() {
    String id = insert();
    assertThat(store.find(id))
        .get()
        .extracting(Generation::status)
        .isEqualTo(GenerationStatus.QUEUED);

    assertThat(store.markRunning(id)).isTrue();
    assertThat(store.succeed(id, JSON.objectNode().put("title", "x"), JSON.arrayNode()))
        .isTrue();
    assertThat(store.succeed(id, JSON.objectNode(), JSON.arrayNode())).isFalse();
    assertThat(store.fail(id, GenerationStatus.FAILED, "X", "late", null)).isFalse();

    Generation g = store.find(id).orElseThrow();
    assertThat(g.status()).isEqualTo(GenerationStatus.SUCCEEDED);
    assertThat(g.output().path("title").asText()).isEqualTo("x");
    assertThat(g.completedAt()).isNotNull();
  }

  @Test
  void aPublicationOfASucceededGenerationIsReplacedInPlaceAndNothingElse() {
    String id = insert();
    store.markRunning(id);
    assertThat(store.replacePublication(id, 0, JSON.objectNode().put("status", "delivered")))
        .as("not succeeded yet")
        .isFalse();
    var publications = JSON.arrayNode();
    publications.addObject().put("status", "delivered");
    publications.addObject().put("status", "scheduled").put("at", "2026-12-24T18:00:00Z");
    store.succeed(
        id,
        JSON.objectNode().put("title", "x").set("publications", publications),
        JSON.arrayNode());

    assertThat(store.replacePublication(id, 1, JSON.objectNode().put("status", "canceled")))
        .isTrue();
    assertThat(store.replacePublication(id, 2, JSON.objectNode().put("status", "canceled")))
        .as("no such index")
        .isFalse();
    assertThat(store.replacePublication("gen_unknown", 0, JSON.objectNode())).isFalse();

    Generation g = store.find(id).orElseThrow();
    assertThat(g.status()).isEqualTo(GenerationStatus.SUCCEEDED);
    assertThat(g.output().path("title").asText()).isEqualTo("x");
    assertThat(g.output().path("publications"))
        .extracting(p -> p.path("status").asText())
        .containsExactly("delivered", "canceled");
  }

  @Test
  void attemptsKeepTheHighestAndIgnoreUnknownGenerations() {
    String id = insert();
    store.recordAttempt(id, "generateAudio", 3);
    store.recordAttempt(id, "generateAudio", 2);
    store.recordAttempt("gen_unknown", "generateAudio", 2);

    assertThat(store.attempts(id)).containsEntry("generateAudio", 3);
    assertThat(store.attempts("gen_unknown")).isEmpty();
  }

  @Test
  void listsNewestFirstWithFiltersAndCursor() {
    String other = TestUsers.insert(JdbcClient.create(TestDatabase.fresh()));
    String a = insert();
    String b = insert();
    String c = insert();
    store.markRunning(b);

    assertThat(store.list(user, null, null, 2, null))
        .extracting(Generation::id)
        .containsExactly(c, b);
    long cursor = store.find(b).orElseThrow().seq();
    assertThat(store.list(user, null, null, 2, cursor))
        .extracting(Generation::id)
        .startsWith(a);
    assertThat(store.list(user, "song", GenerationStatus.RUNNING, 10, null))
        .extracting(Generation::id)
        .containsExactly(b);
    assertThat(store.list(other, null, null, 10, null)).isEmpty();
  }

  private String insert() {
    return TestGenerations.insert(store, user);
  }
}
