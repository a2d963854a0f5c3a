package dev.cadenza.generation.events;

import static dev.cadenza.generation.events.GenerationEventType.COMPLETED;
import static dev.cadenza.generation.events.GenerationEventType.FAILED;
import static dev.cadenza.generation.events.GenerationEventType.PROGRESS;
import static dev.cadenza.generation.events.GenerationEventType.STATUS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cadenza.generation.GenerationStatus;
import dev.cadenza.generation.GenerationStore;
import dev.cadenza.generation.NewGeneration;
import dev.cadenza.testsupport.TestDatabase;
import dev.cadenza.testsupport.TestUsers;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class GenerationEventsTest {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static DataSource ds;
  private static GenerationStore store;
  private static GenerationEvents events;
  private static TransactionTemplate tx;
  private static String user;

  @BeforeAll
  static void setUp() {
    ds = TestDatabase.fresh();
    JdbcTransactionManager transactions = new JdbcTransactionManager(ds);
    store = new GenerationStore(JdbcClient.create(ds), new ObjectMapper());
    events = new GenerationEvents(JdbcClient.create(ds), new ObjectMapper(), transactions);
    tx = new TransactionTemplate(transactions);
    user = TestUsers.insert(ds);
  }

  @Test
  void aProgressEventIsAppendedOnlyWhenItsStepsPercentChanged() {
    String id = generation();
    events.append(id, STATUS, GenerationEvents.status("running"));

    for (int percent : new int[] {10, 10, 40, 40, 40}) {
      events.emit(id, PROGRESS, GenerationEvents.progress("generateAudio", percent));
      // The other step's progress in between does not make the first one's news again.
      events.emit(id, PROGRESS, GenerationEvents.progress("generateCover", 50));
    }
    events.emit(id, PROGRESS, GenerationEvents.progress("generateAudio", 100));

    assertThat(events.since(id, 0, 100))
        .filteredOn(e -> e.type() == PROGRESS)
        .extracting(
            e -> e.data().path("step").asText() + " " + e.data().path("percent").asInt())
        .containsExactly(
            "generateAudio 10", "generateCover 50", "generateAudio 40", "generateAudio 100");
  }

  @Test
  void eventsAreReplayedInOrderAfterAnId() {
    String id = generation();
    long first = events.append(id, STATUS, GenerationEvents.status("running")).orElseThrow();
    long second = events
        .append(id, PROGRESS, GenerationEvents.progress("generateAudio", 40))
        .orElseThrow();

    assertThat(second).isGreaterThan(first);
    assertThat(events.since(id, 0, 10))
        .extracting(GenerationEvent::type)
        .containsExactly(STATUS, PROGRESS);
    assertThat(events.since(id, first, 10)).singleElement().satisfies(e -> {
      assertThat(e.id()).isEqualTo(second);
      assertThat(e.data().path("step").asText()).isEqualTo("generateAudio");
      assertThat(e.data().path("percent").asInt()).isEqualTo(40);
    });
    assertThat(events.since(id, 0, 1)).hasSize(1);
  }

  @Test
  void nothingIsAppendedAfterTheTerminalEventNorForUnknownGenerations() {
    String id = generation();
    events.append(id, COMPLETED, GenerationEvents.outcome("succeeded", null, null));

    assertThat(events.append(id, PROGRESS, GenerationEvents.progress("x", 1))).isEmpty();
    assertThat(events.append(id, FAILED, GenerationEvents.outcome("failed", "X", "late")))
        .isEmpty();
    assertThat(events.append("gen_unknown", STATUS, GenerationEvents.status("running")))
        .isEmpty();
    assertThat(events.since(id, 0, 10))
        .extracting(GenerationEvent::type)
        .containsExactly(COMPLETED);
    assertThat(events.ended(id)).isTrue();
    assertThat(events.ended(generation())).isFalse();
  }

  @Test
  void aFailedEmitLeavesTheCallersTransactionIntact() {
    String id = generation();
    tx.executeWithoutResult(t -> {
      assertThat(store.markRunning(id)).isTrue();
      // jsonb refuses \u0000: the append fails inside its savepoint.
      events.emit(id, STATUS, JSON.objectNode().put("status", "bad\u0000"));
      events.emit(id, STATUS, GenerationEvents.status("running"));
    });

    assertThat(store.find(id).orElseThrow().status()).isEqualTo(GenerationStatus.RUNNING);
    assertThat(events.since(id, 0, 10))
        .singleElement()
        .satisfies(e -> assertThat(e.data().path("status").asText()).isEqualTo("running"));
  }

  @Test
  void anEmitWithoutADatabaseOnlyLogs() {
    DataSource nowhere = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none");
    GenerationEvents offline = new GenerationEvents(
        JdbcClient.create(nowhere), new ObjectMapper(), new JdbcTransactionManager(nowhere));

    assertThatCode(() -> offline.emit("gen_x", STATUS, GenerationEvents.status("running")))
        .doesNotThrowAnyException();
  }

  @Test
  void anAppendNotifiesListenersOnCommitWithTheGenerationId() throws Exception {
    String id = generation();
    try (Connection listener = ds.getConnection();
        Statement statement = listener.createStatement()) {
      statement.execute("listen " + GenerationEvents.CHANNEL);
      PGConnection pg = listener.unwrap(PGConnection.class);

      tx.executeWithoutResult(t -> {
        events.append(id, STATUS, GenerationEvents.status("running"));
        try {
          assertThat(pg.getNotifications(200)).as("before commit").isNullOrEmpty();
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException(e);
        }
      });

      PGNotification[] received = pg.getNotifications(2_000);
      assertThat(received).isNotNull().extracting(PGNotification::getParameter).containsExactly(id);
    }
  }

  /**
   * Writers append concurrently in transactions that commit out of order; a reader that only
   * remembers the last id it saw still sees every event (ids grow in commit order).
   */
  @Test
  void aReaderFollowingTheLastIdMissesNoConcurrentAppend() throws Exception {
    String id = generation();
    int writers = 4;
    int each = 40;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      done.add(pool.submit(() -> {
        for (int i = 0; i < each; i++) {
          int n = i;
          tx.executeWithoutResult(t -> {
            events.append(id, PROGRESS, GenerationEvents.progress("w" + writer, n));
            sleepMicros(ThreadLocalRandom.current().nextInt(2_000));
          });
        }
      }));
    }
    Set<Long> seen = new HashSet<>();
    long last = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (seen.size() < writers * each && System.nanoTime() < deadline) {
      for (GenerationEvent e : events.since(id, last, 1000)) {
        assertThat(e.id()).isGreaterThan(last);
        seen.add(e.id());
        last = e.id();
      }
    }
    for (Future<?> f : done) {
      f.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(seen).hasSize(writers * each);
  }

  private static void sleepMicros(int micros) {
    try {
      TimeUnit.MICROSECONDS.sleep(micros);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String generation() {
    String id = "gen_" + System.nanoTime();
    store.insert(new NewGeneration(
        id, user, "song", "song-" + id, JSON.objectNode().put("description", "rain"), 10, null));
    return id;
  }
}
