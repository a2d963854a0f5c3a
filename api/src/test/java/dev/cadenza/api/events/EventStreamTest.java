package dev.cadenza.api.events;

import static dev.cadenza.generation.events.GenerationEventType.COMPLETED;
import static dev.cadenza.generation.events.GenerationEventType.PROGRESS;
import static dev.cadenza.generation.events.GenerationEventType.STATUS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cadenza.generation.Generation;
import dev.cadenza.generation.GenerationStatus;
import dev.cadenza.generation.GenerationStore;
import dev.cadenza.generation.events.GenerationEvent;
import dev.cadenza.generation.events.GenerationEvents;
import dev.cadenza.testsupport.TestDatabase;
import dev.cadenza.testsupport.TestGenerations;
import dev.cadenza.testsupport.TestUsers;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

/** One stream against a real PostgreSQL and bus, without a servlet container. */
class EventStreamTest {
  private static DataSource ds;
  private static GenerationStore store;
  private static GenerationEvents events;
  private static GenerationEventBus bus;
  private static String user;

  @BeforeAll
  static void setUp() {
    ds = TestDatabase.fresh();
    ObjectMapper json = new ObjectMapper();
    store = new GenerationStore(JdbcClient.create(ds), json);
    events = new GenerationEvents(JdbcClient.create(ds), json, new JdbcTransactionManager(ds));
    bus = new GenerationEventBus(ds);
    user = TestUsers.insert(ds);
  }

  @AfterAll
  static void tearDown() {
    bus.close();
  }

  @Test
  void replaysThenFollowsLiveEventsUntilTheTerminalOne() throws Exception {
    String id = generation();
    events.append(id, STATUS, GenerationEvents.status("queued"));
    // A slow poll: only the notification can deliver the live events in time.
    RecordingEmitter emitter = open(id, 0, Duration.ofMinutes(1), Duration.ofMinutes(1));
    await().atMost(Duration.ofSeconds(2)).until(() -> emitter.names().size() == 1);
    await().atMost(Duration.ofSeconds(5)).until(bus::listening);

    store.markRunning(id);
    events.append(id, STATUS, GenerationEvents.status("running"));
    events.append(id, PROGRESS, GenerationEvents.progress("generateAudio", 50));
    await().atMost(Duration.ofSeconds(2)).until(() -> emitter.names().size() == 3);
    store.succeed(id, JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.arrayNode());
    events.append(id, COMPLETED, GenerationEvents.outcome("succeeded", null, null));

    assertThat(emitter.awaitCompletion(2_000)).isTrue();
    assertThat(emitter.names()).containsExactly("status", "status", "progress", "completed");
    GenerationEvent progress = events.since(id, 0, 10).get(2);
    assertThat(emitter.frames.get(2))
        .isEqualTo("id:" + progress.id() + "\nevent:progress\ndata:"
            + "{\"step\":\"generateAudio\",\"percent\":50}\n\n");
    await().atMost(Duration.ofSeconds(1)).until(() -> bus.subscriptions() == 0);
  }

  @Test
  void aMissedNotificationOnlyWaitsForThePoll() throws Exception {
    String id = generation();
    RecordingEmitter emitter = open(id, 0, Duration.ofMillis(200), Duration.ofMinutes(1));
    await().atMost(Duration.ofSeconds(5)).until(bus::listening);

    // Written without NOTIFY, as if the notification had been lost.
    insertSilently(id);

    await().atMost(Duration.ofSeconds(2)).until(() -> emitter.names().contains("status"));
  }

  @Test
  void aQuietStreamSendsHeartbeatComments() throws Exception {
    String id = generation();
    RecordingEmitter emitter = open(id, 0, Duration.ofMillis(50), Duration.ofMillis(100));

    await().atMost(Duration.ofSeconds(2)).until(() -> emitter.frames.size() >= 2);
    assertThat(emitter.frames).allMatch(frame -> frame.equals(":heartbeat\n\n"));
  }

  @Test
  void aGenerationEndedWithoutItsEventGetsOneFromItsRowOnce() throws Exception {
    String id = generation();
    events.append(id, STATUS, GenerationEvents.status("queued"));
    // As an orphan is closed: the row only.
    store.fail(id, GenerationStatus.FAILED, "INTERRUPTED", "The service restarted.", null);

    RecordingEmitter first = open(id, 0, Duration.ofSeconds(2), Duration.ofMinutes(1));
    RecordingEmitter second = open(id, 0, Duration.ofSeconds(2), Duration.ofMinutes(1));

    assertThat(first.awaitCompletion(2_000)).isTrue();
    assertThat(second.awaitCompletion(2_000)).isTrue();
    assertThat(first.names()).containsExactly("status", "failed");
    assertThat(second.frames).isEqualTo(first.frames);
    String data = first
        .frames
        .get(1)
        .lines()
        .filter(l -> l.startsWith("data:"))
        .findFirst()
        .orElseThrow();
    assertThat(new ObjectMapper().readTree(data.substring("data:".length())))
        .isEqualTo(GenerationEvents.outcome("failed", "INTERRUPTED", "The service restarted."));
    assertThat(events.since(id, 0, 10)).hasSize(2);
  }

  @Test
  void aClientThatHasTheTerminalEventGetsNoStream() {
    String id = generation();
    events.append(id, STATUS, GenerationEvents.status("queued"));
    store.succeed(id, JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.arrayNode());
    long last = events
        .append(id, COMPLETED, GenerationEvents.outcome("succeeded", null, null))
        .orElseThrow();
    EventStreams streams = streams(Duration.ofSeconds(2), Duration.ofMinutes(1));

    assertThat(streams.open(generationRow(id), last)).isEmpty();
    assertThat(streams.open(generationRow(id), last - 1)).isPresent();
  }

  private static RecordingEmitter open(String id, long lastId, Duration poll, Duration heartbeat) {
    RecordingEmitter emitter = new RecordingEmitter();
    EventStream stream = new EventStream(
        id, lastId, emitter, new EventStreams.Sources(events, store, bus, poll, heartbeat));
    Thread.ofVirtual().start(stream);
    return emitter;
  }

  private static EventStreams streams(Duration poll, Duration heartbeat) {
    return new EventStreams(
        new EventStreams.Sources(events, store, bus, poll, heartbeat), Duration.ofMinutes(1));
  }

  private static void insertSilently(String id) {
    store.markRunning(id);
    JdbcClient.create(ds)
        .sql("insert into generation_events (generation_id, event, data)"
            + " values (?, 'status', '{\"status\":\"running\"}'::jsonb)")
        .param(id)
        .update();
  }

  private static Generation generationRow(String id) {
    Optional<Generation> row = store.find(id);
    return row.orElseThrow();
  }

  private static String generation() {
    return TestGenerations.insert(store, user);
  }
}
