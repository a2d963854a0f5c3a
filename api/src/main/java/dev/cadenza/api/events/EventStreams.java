package dev.cadenza.api.events;

import dev.cadenza.generation.Generation;
import dev.cadenza.generation.GenerationStore;
import dev.cadenza.generation.events.GenerationEvents;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Opens SSE streams of generations' events, each on its own virtual thread. On shutdown it ends
 * the open streams first (their clients reconnect elsewhere with {@code Last-Event-ID}), so that
 * the web server's graceful shutdown does not wait for them.
 */
@Service
public class EventStreams implements SmartLifecycle {
  /** Without a notification, a stream still looks this often. */
  static final Duration POLL = Duration.ofSeconds(2);
  /** A comment this often keeps proxies from closing a quiet stream and finds departed clients. */
  static final Duration HEARTBEAT = Duration.ofSeconds(15);
  /** A client stays connected at most this long, then reconnects with Last-Event-ID. */
  static final Duration TIMEOUT = Duration.ofMinutes(30);

  /** What a stream reads from and how often. */
  record Sources(
      GenerationEvents events,
      GenerationStore store,
      GenerationEventBus bus,
      Duration poll,
      Duration heartbeat) {}

  private final Sources sources;
  private final Duration timeout;
  private final Set<SseEmitter> open = ConcurrentHashMap.newKeySet();
  private volatile boolean running;

  @Autowired
  public EventStreams(GenerationEvents events, GenerationStore store, GenerationEventBus bus) {
    this(new Sources(events, store, bus, POLL, HEARTBEAT), TIMEOUT);
  }

  EventStreams(Sources sources, Duration timeout) {
    this.sources = sources;
    this.timeout = timeout;
  }

  /**
   * The stream of a generation's events after {@code lastEventId} (0: all of them).
   *
   * @return empty when the generation has ended and the client has its last event already
   */
  public Optional<SseEmitter> open(Generation generation, long lastEventId) {
    String id = generation.id();
    if (generation.terminal()
        && sources.events().ended(id)
        && sources.events().since(id, lastEventId, 1).isEmpty()) {
      return Optional.empty();
    }
    SseEmitter emitter = new SseEmitter(timeout.toMillis());
    EventStream stream = new EventStream(id, lastEventId, emitter, sources);
    open.add(emitter);
    emitter.onCompletion(() -> {
      open.remove(emitter);
      stream.close();
    });
    emitter.onError(error -> stream.close());
    emitter.onTimeout(() -> {
      stream.close();
      emitter.complete();
    });
    Thread.ofVirtual().name("events-" + id).start(stream);
    return Optional.of(emitter);
  }

  int openStreams() {
    return open.size();
  }

  @Override
  public void start() {
    running = true;
  }

  /** Runs before the web server's graceful shutdown (a higher phase stops earlier). */
  @Override
  public void stop() {
    running = false;
    open.forEach(SseEmitter::complete);
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
