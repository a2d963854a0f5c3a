package dev.cadenza.api.events;

import dev.cadenza.generation.Generation;
import dev.cadenza.generation.GenerationStatus;
import dev.cadenza.generation.events.GenerationEvent;
import dev.cadenza.generation.events.GenerationEventType;
import dev.cadenza.generation.events.GenerationEvents;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client's stream of a generation's events, run on its own (virtual) thread: sends the
 * events after the last one the client has, then waits for the bus to wake it (or polls, should
 * a notification be lost) and sends the new ones, until the terminal event. Comments keep idle
 * connections open and find clients that left.
 */
final class EventStream implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(EventStream.class);
  private static final int BATCH = 500;

  private final String generationId;
  private final SseEmitter emitter;
  private final EventStreams.Sources sources;
  private final BlockingQueue<Boolean> wakeups = new ArrayBlockingQueue<>(1);
  private volatile boolean closed;
  private long lastId;

  EventStream(String generationId, long lastId, SseEmitter emitter, EventStreams.Sources sources) {
    this.generationId = generationId;
    this.lastId = lastId;
    this.emitter = emitter;
    this.sources = sources;
  }

  /** Something may have been appended: look now. Never blocks. */
  void wake() {
    wakeups.offer(Boolean.TRUE);
  }

  /** The client left or the emitter timed out: stop. */
  void close() {
    closed = true;
    wake();
  }

  @Override
  public void run() {
    try (GenerationEventBus.Subscription ignored =
        sources.bus().subscribe(generationId, this::wake)) {
      long heartbeatAt = System.nanoTime() + sources.heartbeat().toNanos();
      while (!closed) {
        wakeups.clear();
        if (sendNew()) {
          emitter.complete();
          return;
        }
        long now = System.nanoTime();
        if (now - heartbeatAt >= 0) {
          emitter.send(SseEmitter.event().comment("heartbeat"));
          heartbeatAt = now + sources.heartbeat().toNanos();
        }
        long wait = Math.min(sources.poll().toNanos(), heartbeatAt - now);
        wakeups.poll(Math.max(wait, 0), TimeUnit.NANOSECONDS);
      }
    } catch (IOException e) {
      // The client went away: nothing to tell anyone.
      log.debug("Event stream of {} ended: {}", generationId, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      emitter.complete();
    } catch (RuntimeException e) {
      if (closed) {
        // Sent to an emitter that had just completed (timeout, shutdown).
        log.debug("Event stream of {} ended: {}", generationId, e.toString());
        return;
      }
      // The database failed: end the stream; the client reconnects with Last-Event-ID.
      log.warn("Event stream of {} failed", generationId, e);
      emitter.complete();
    }
  }

  /** Sends what is new; true once the terminal event has been sent (or the client has it). */
  private boolean sendNew() throws IOException {
    // Read before the events: an ending that committed with its event is then in the table.
    boolean ended = sources.store().find(generationId).map(Generation::terminal).orElse(true);
    if (sendSince()) {
      return true;
    }
    if (!ended) {
      return false;
    }
    // Ended without its event (closed outside its workflow, or before events were kept):
    // append it from the row, once for every replica, so it has an id like any other.
    if (!sources.events().ended(generationId)) {
      sources.store().find(generationId).ifPresent(this::appendEnding);
    }
    // Whoever appended it (this stream or another replica's), it is in the table now.
    sendSince();
    return true;
  }

  private boolean sendSince() throws IOException {
    List<GenerationEvent> batch;
    do {
      batch = sources.events().since(generationId, lastId, BATCH);
      for (GenerationEvent event : batch) {
        emitter.send(SseEmitter.event()
            .id(Long.toString(event.id()))
            .name(event.type().wireName())
            .data(event.data().toString()));
        lastId = event.id();
        if (event.terminal()) {
          return true;
        }
      }
    } while (batch.size() == BATCH);
    return false;
  }

  private void appendEnding(Generation generation) {
    GenerationStatus status = generation.status();
    GenerationEventType type = switch (status) {
      case SUCCEEDED -> GenerationEventType.COMPLETED;
      case CANCELED -> GenerationEventType.CANCELED;
      default -> GenerationEventType.FAILED;
    };
    sources
        .events()
        .append(
            generationId,
            type,
            GenerationEvents.outcome(
                status.dbValue(), generation.errorCode(), generation.errorMessage()))
        .ifPresent(id -> log.info(
            "Generation {} ended without its {} event; appended it as #{}",
            generationId,
            type.wireName(),
            id));
  }
}
