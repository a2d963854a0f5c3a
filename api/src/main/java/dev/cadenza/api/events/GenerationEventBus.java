package dev.cadenza.api.events;

import dev.cadenza.generation.events.GenerationEvents;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Wakes this process's event streams when a generation has new events. One dedicated PostgreSQL
 * connection runs {@code LISTEN generation_events} (every API replica has its own, so each
 * sees every append); a notification names a generation and wakes its subscribers, which then
 * read the table. Notifications carry no data: order and completeness come from the table, and
 * a lost notification only delays a stream until its next poll.
 *
 * <p>The listener starts with the first subscription, so processes that serve no streams hold no
 * connection, and reconnects (waking everyone) when the connection fails.
 */
@Component
public class GenerationEventBus implements SmartLifecycle, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GenerationEventBus.class);
  private static final int WAIT_MILLIS = 500;
  private static final long CHECK_NANOS = Duration.ofSeconds(30).toNanos();
  private static final long MIN_BACKOFF_MILLIS = 500;
  private static final long MAX_BACKOFF_MILLIS = 10_000;

  private final DataSource dataSource;
  private final Map<String, Set<Runnable>> subscribers = new ConcurrentHashMap<>();
  private Thread listener;
  private volatile boolean closed;
  private volatile boolean listening;
  private volatile boolean started;
  private long backoff = MIN_BACKOFF_MILLIS;

  public GenerationEventBus(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** A registration to end with {@link #close()}. */
  public interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  /** Calls {@code wake} (on the listener's thread: it must not block) on each new event. */
  public Subscription subscribe(String generationId, Runnable wake) {
    startListener();
    subscribers.compute(generationId, (id, wakes) -> {
      Set<Runnable> set = wakes == null ? ConcurrentHashMap.newKeySet() : wakes;
      set.add(wake);
      return set;
    });
    return () -> subscribers.computeIfPresent(generationId, (id, wakes) -> {
      wakes.remove(wake);
      return wakes.isEmpty() ? null : wakes;
    });
  }

  /** Whether the {@code LISTEN} connection is up. */
  boolean listening() {
    return listening;
  }

  int subscriptions() {
    return subscribers.values().stream().mapToInt(Set::size).sum();
  }

  /** Nothing to do: the listener starts with the first subscription. */
  @Override
  public void start() {
    started = true;
  }

  /** Early in shutdown, while the database is surely still there. */
  @Override
  public void stop() {
    started = false;
    close();
  }

  @Override
  public boolean isRunning() {
    return started;
  }

  @Override
  public void close() {
    Thread running;
    synchronized (this) {
      closed = true;
      running = listener;
    }
    if (running != null) {
      try {
        running.join(Duration.ofMillis(2L * WAIT_MILLIS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private synchronized void startListener() {
    if (listener == null && !closed) {
      listener = Thread.ofVirtual().name("generation-event-bus").start(this::listen);
    }
  }

  private void listen() {
    while (!closed) {
      try (Connection connection = dataSource.getConnection()) {
        try {
          follow(connection);
        } finally {
          listening = false;
          unlisten(connection);
        }
      } catch (SQLException | RuntimeException e) {
        if (closed) {
          break;
        }
        log.warn("LISTEN {} failed; retrying in {} ms", GenerationEvents.CHANNEL, backoff, e);
        sleep(backoff);
        backoff = Math.min(2 * backoff, MAX_BACKOFF_MILLIS);
      }
    }
  }

  private void follow(Connection connection) throws SQLException {
    connection.setAutoCommit(true);
    PGConnection pg = connection.unwrap(PGConnection.class);
    try (Statement statement = connection.createStatement()) {
      statement.execute("listen " + GenerationEvents.CHANNEL);
    }
    listening = true;
    backoff = MIN_BACKOFF_MILLIS;
    // Whatever was appended while nobody listened: the woken streams read the table.
    subscribers.values().forEach(GenerationEventBus::wakeAll);
    long checkedAt = System.nanoTime();
    while (!closed) {
      PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
      if (notifications != null) {
        for (PGNotification notification : notifications) {
          wake(notification.getParameter());
        }
      }
      if (System.nanoTime() - checkedAt > CHECK_NANOS) {
        // A silently dropped connection would otherwise just look quiet.
        try (Statement statement = connection.createStatement()) {
          statement.execute("select 1");
        }
        checkedAt = System.nanoTime();
      }
    }
  }

  private void wake(String generationId) {
    Set<Runnable> wakes = subscribers.get(generationId);
    if (wakes != null) {
      wakeAll(wakes);
    }
  }

  private static void wakeAll(Set<Runnable> wakes) {
    for (Runnable wake : wakes) {
      try {
        wake.run();
      } catch (RuntimeException e) {
        log.warn("A generation event subscriber failed to wake", e);
      }
    }
  }

  /** The connection goes back to the pool: it must not keep listening there. */
  private static void unlisten(Connection connection) {
    try {
      if (connection.isValid(1)) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("unlisten *");
        }
      }
    } catch (SQLException e) {
      // A broken connection; the pool discards it.
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
