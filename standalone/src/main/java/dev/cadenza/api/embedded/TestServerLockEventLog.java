package dev.cadenza.api.embedded;

import io.temporal.testserver.TestServer;
import java.lang.reflect.Field;
import java.util.LinkedList;
import java.util.List;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the embedded Temporal test server from slowing down the longer it runs.
 *
 * <p>The test server's {@code SelfAdvancingTimerImpl} appends a "lock event" to a {@code
 * LinkedList} on every time-skipping lock and unlock (a few per workflow task), documented as
 * "debugging purposes only". Locks taken through a handle are removed again with {@code
 * LinkedList.remove(Object)}, a scan from the head, but most events are never removed (unlocks,
 * and locks released by caller name rather than by handle). The list grows by ~43 events per song
 * and every scan walks the leaked ones first: in the bench, that scan alone was 5.9% of the
 * service's CPU after ~460 songs and kept growing (12% after ~660), and the events are never
 * collected. Seen in temporal-test-server 1.38.0.
 *
 * <p>The embedded server locks time skipping for good ({@code createPortBoundServer(port)} does,
 * so it runs on wall-clock time like a real server), so the events only ever feed a diagnostic
 * string. This swaps the list for one that records nothing and answers every removal as
 * successful; the lock <em>count</em> the timer keeps beside the list is untouched. If a future
 * test-server version has no such field, nothing is changed and a warning says so.
 */
final class TestServerLockEventLog {

  private static final Logger log = LoggerFactory.getLogger(TestServerLockEventLog.class);

  private TestServerLockEventLog() {}

  /** Replaces the server's lock-event list; returns false (and logs) when it could not. */
  static boolean disable(TestServer.PortBoundTestServer server) {
    try {
      Object starter = read(server, "testServicesStarter");
      Object timer = read(starter, "selfAdvancingTimer");
      Lock lock = (Lock) read(timer, "lock");
      Field events = timer.getClass().getDeclaredField("lockEvents");
      events.setAccessible(true);
      // Every access to the list happens under the timer's lock.
      lock.lock();
      try {
        events.set(timer, new NothingRecorded<>());
      } finally {
        lock.unlock();
      }
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.warn(
          "Could not stop the embedded Temporal server's lock-event log ({}); it will slow down"
              + " as it runs. Use a real Temporal server (TEMPORAL_ADDRESS) for long runs.",
          e.toString());
      return false;
    }
  }

  /** How many lock events the server holds now, or -1 when unknown (for tests). */
  static int recordedEvents(TestServer.PortBoundTestServer server) {
    try {
      Object timer = read(read(server, "testServicesStarter"), "selfAdvancingTimer");
      Lock lock = (Lock) read(timer, "lock");
      lock.lock();
      try {
        return ((List<?>) read(timer, "lockEvents")).size();
      } finally {
        lock.unlock();
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      return -1;
    }
  }

  private static Object read(Object owner, String name) throws ReflectiveOperationException {
    Field field = owner.getClass().getDeclaredField(name);
    field.setAccessible(true);
    return field.get(owner);
  }

  /** A list that keeps nothing and reports every removal as done. */
  private static final class NothingRecorded<E> extends LinkedList<E> {
    @Override
    public boolean add(E e) {
      return true;
    }

    @Override
    public boolean remove(Object o) {
      return true;
    }
  }
}
