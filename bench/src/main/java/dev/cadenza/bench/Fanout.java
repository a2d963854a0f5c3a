package dev.cadenza.bench;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/** One request per accepted generation, a few at a time (after the measured phase). */
final class Fanout {
  private static final int PARALLEL = 8;

  static void eachAccepted(List<Submission> submissions, Consumer<Submission> request)
      throws InterruptedException {
    Semaphore parallel = new Semaphore(PARALLEL);
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Submission s : submissions) {
        if (!s.accepted()) {
          continue;
        }
        parallel.acquire();
        executor.submit(() -> {
          try {
            request.accept(s);
          } finally {
            parallel.release();
          }
        });
      }
    }
  }

  private Fanout() {}
}
