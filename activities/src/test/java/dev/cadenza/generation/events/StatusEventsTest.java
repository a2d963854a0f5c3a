package dev.cadenza.generation.events;

import static dev.cadenza.generation.events.GenerationEventType.CANCELED;
import static dev.cadenza.generation.events.GenerationEventType.COMPLETED;
import static dev.cadenza.generation.events.GenerationEventType.STATUS;
import static dev.cadenza.generation.events.GenerationEventType.STEP_COMPLETED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cadenza.generation.GenerationActivitiesImpl;
import dev.cadenza.generation.GenerationMetrics;
import dev.cadenza.generation.GenerationStore;
import dev.cadenza.generation.OutputDocument;
import dev.cadenza.testsupport.TestDatabase;
import dev.cadenza.testsupport.TestGenerations;
import dev.cadenza.testsupport.TestUsers;
import dev.cadenza.workflows.generation.GenerationFailure;
import dev.cadenza.workflows.generation.GenerationResult;
import dev.cadenza.workflows.song.SongOutput;
import dev.cadenza.workflows.storage.StoredAsset;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

/** The status events the generation activities append with their read-model changes. */
class StatusEventsTest {
  private static GenerationStore store;
  private static GenerationEvents events;
  private static GenerationActivitiesImpl activities;
  private static String user;

  @BeforeAll
  static void setUp() {
    DataSource ds = TestDatabase.fresh();
    ObjectMapper json = new ObjectMapper();
    JdbcTransactionManager transactions = new JdbcTransactionManager(ds);
    store = new GenerationStore(JdbcClient.create(ds), json);
    events = new GenerationEvents(JdbcClient.create(ds), json, transactions);
    activities = new GenerationActivitiesImpl(
        store,
        new OutputDocument(json),
        events,
        transactions,
        new GenerationMetrics(new SimpleMeterRegistry()));
    user = TestUsers.insert(ds);
  }

  @Test
  void aSucceededGenerationEndsWithItsLastStepAndCompleted() {
    String id = generation();
    activities.markRunning(id);
    activities.markRunning(id); // a retry changes nothing and says nothing
    GenerationResult result = new GenerationResult(id, song(), List.of());
    activities.publishResult(result);
    activities.publishResult(result);

    List<GenerationEvent> all = events.since(id, 0, 10);
    assertThat(all)
        .extracting(GenerationEvent::type)
        .containsExactly(STATUS, STEP_COMPLETED, COMPLETED);
    assertThat(all.get(0).data().path("status").asText()).isEqualTo("running");
    assertThat(all.get(1).data().path("step").asText()).isEqualTo("publishResult");
    assertThat(all.get(2).data().path("status").asText()).isEqualTo("succeeded");
  }

  @Test
  void aCanceledGenerationEndsWithCanceledAndItsError() {
    String id = generation();
    activities.markRunning(id);
    GenerationFailure canceled =
        new GenerationFailure(id, true, "CANCELED", "The generation was canceled.", List.of());
    activities.recordFailure(canceled);
    activities.recordFailure(canceled);
    activities.publishResult(new GenerationResult(id, song(), List.of()));

    assertThat(events.since(id, 0, 10))
        .extracting(GenerationEvent::type)
        .containsExactly(STATUS, CANCELED);
    assertThat(events.since(id, 0, 10).get(1).data())
        .isEqualTo(JsonNodeFactory.instance
            .objectNode()
            .put("status", "canceled")
            .put("code", "CANCELED")
            .put("message", "The generation was canceled."));
  }

  private static SongOutput song() {
    StoredAsset audio = new StoredAsset("audio", "k/a.wav", "audio/wav", 1, "00", Map.of());
    StoredAsset cover = new StoredAsset("cover", "k/c.png", "image/png", 1, "00", Map.of());
    return new SongOutput("t", "p", "l", List.of("lo-fi"), audio, cover, 7.5, 1);
  }

  private static String generation() {
    return TestGenerations.insert(store, user);
  }
}
