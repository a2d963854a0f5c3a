package dev.cadenza.api.events;

import static dev.cadenza.generation.events.GenerationEventType.STATUS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadenza.generation.GenerationStore;
import dev.cadenza.generation.events.GenerationEvents;
import dev.cadenza.testsupport.TestDatabase;
import dev.cadenza.testsupport.TestGenerations;
import dev.cadenza.testsupport.TestUsers;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

/** The LISTEN/NOTIFY bus on a real PostgreSQL, as API replicas share it. */
class GenerationEventBusTest {
  private static TestDatabase.Database db;
  private static GenerationStore store;
  private static GenerationEvents events;
  private static String user;
  private GenerationEventBus bus;
  private GenerationEventBus replica;

  @BeforeAll
  static void database() {
    db = TestDatabase.create();
    ObjectMapper json = new ObjectMapper();
    store = new GenerationStore(JdbcClient.create(db.dataSource()), json);
    events = new GenerationEvents(
        JdbcClient.create(db.dataSource()), json, new JdbcTransactionManager(db.dataSource()));
    user = TestUsers.insert(db.dataSource());
  }

  @AfterEach
  void closeBuses() {
    for (GenerationEventBus b : new GenerationEventBus[] {bus, replica}) {
      if (b != null) {
        b.close();
      }
    }
  }

  @Test
  void aNotificationFromAnotherConnectionWakesTheGenerationsSubscriberWithinASecond()
      throws Exception {
    bus = new GenerationEventBus(db.dataSource());
    Semaphore woken = new Semaphore(0);
    Semaphore other = new Semaphore(0);
    bus.subscribe("gen_a", woken::release);
    bus.subscribe("gen_b", other::release);
    awaitListening(bus);
    woken.drainPermits(); // the wake-up of everyone on connecting
    other.drainPermits();

    try (Connection connection = db.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("notify " + GenerationEvents.CHANNEL + ", 'gen_a'");
    }

    assertThat(woken.tryAcquire(1, TimeUnit.SECONDS)).isTrue();
    assertThat(other.tryAcquire(200, TimeUnit.MILLISECONDS)).isFalse();
  }

  @Test
  void twoReplicasBothSeeAnEventAppendedOnce() throws Exception {
    bus = new GenerationEventBus(db.dataSource());
    replica = new GenerationEventBus(db.dataSource());
    String id = generation();
    Semaphore first = new Semaphore(0);
    Semaphore second = new Semaphore(0);
    bus.subscribe(id, first::release);
    replica.subscribe(id, second::release);
    awaitListening(bus);
    awaitListening(replica);
    first.drainPermits();
    second.drainPermits();

    long appended =
        events.append(id, STATUS, GenerationEvents.status("running")).orElseThrow();

    assertThat(first.tryAcquire(1, TimeUnit.SECONDS)).isTrue();
    assertThat(second.tryAcquire(1, TimeUnit.SECONDS)).isTrue();
    assertThat(events.since(id, 0, 10))
        .singleElement()
        .satisfies(e -> assertThat(e.id()).isEqualTo(appended));
  }

  @Test
  void aClosedSubscriptionIsNotWoken() throws Exception {
    bus = new GenerationEventBus(db.dataSource());
    Semaphore woken = new Semaphore(0);
    bus.subscribe("gen_c", () -> {}); // keeps the listener busy with something
    GenerationEventBus.Subscription subscription = bus.subscribe("gen_c", woken::release);
    awaitListening(bus);
    subscription.close();
    woken.drainPermits();

    try (Connection connection = db.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("notify " + GenerationEvents.CHANNEL + ", 'gen_c'");
    }

    assertThat(woken.tryAcquire(500, TimeUnit.MILLISECONDS)).isFalse();
    assertThat(bus.subscriptions()).isEqualTo(1);
  }

  @Test
  void theBusListensAgainAfterItsConnectionIsKilledAndWakesEveryone() throws Exception {
    bus = new GenerationEventBus(db.dataSource());
    Semaphore woken = new Semaphore(0);
    bus.subscribe("gen_d", woken::release);
    awaitListening(bus);
    woken.drainPermits();

    try (Connection connection = db.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("select pg_terminate_backend(pid) from pg_stat_activity"
          + " where datname = current_database() and query = 'listen "
          + GenerationEvents.CHANNEL + "'");
    }

    // Reconnecting wakes every subscriber: what was appended meanwhile is read from the table.
    assertThat(woken.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
    awaitListening(bus);
    woken.drainPermits();
    try (Connection connection = db.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("notify " + GenerationEvents.CHANNEL + ", 'gen_d'");
    }
    assertThat(woken.tryAcquire(1, TimeUnit.SECONDS)).isTrue();
  }

  private static void awaitListening(GenerationEventBus bus) {
    await().atMost(Duration.ofSeconds(5)).until(bus::listening);
  }

  private static String generation() {
    return TestGenerations.insert(store, user);
  }
}
