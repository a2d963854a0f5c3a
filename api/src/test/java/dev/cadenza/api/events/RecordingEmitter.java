package dev.cadenza.api.events;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** An emitter without a servlet: keeps each sent frame as SSE text and counts completion. */
final class RecordingEmitter extends SseEmitter {
  final List<String> frames = new CopyOnWriteArrayList<>();
  private final CountDownLatch completed = new CountDownLatch(1);

  @Override
  public void send(SseEventBuilder builder) throws IOException {
    frames.add(builder.build().stream()
        .map(part -> part.getData().toString())
        .collect(Collectors.joining()));
  }

  @Override
  public void complete() {
    completed.countDown();
  }

  boolean awaitCompletion(long millis) throws InterruptedException {
    return completed.await(millis, TimeUnit.MILLISECONDS);
  }

  /** The {@code event:} names of the frames that have one. */
  List<String> names() {
    return frames.stream()
        .flatMap(frame -> frame.lines().filter(l -> l.startsWith("event:")))
        .map(l -> l.substring("event:".length()))
        .toList();
  }
}
