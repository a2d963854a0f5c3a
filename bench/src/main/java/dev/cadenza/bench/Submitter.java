package dev.cadenza.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends the submissions of a scenario at their planned times (open loop), each on its own virtual
 * thread, with at most {@code concurrency} requests in flight, spreading them over the users
 * round robin.
 */
final class Submitter {
  private final CadenzaClient client;
  private final List<CadenzaClient.User> users;
  private final BenchOptions options;

  Submitter(CadenzaClient client, List<CadenzaClient.User> users, BenchOptions options) {
    this.client = client;
    this.users = users;
    this.options = options;
  }

  /** Runs {@code offsets.length} submissions starting now; returns them in plan order. */
  List<Submission> run(long[] offsets, long seedBase) throws InterruptedException {
    Semaphore inFlight = new Semaphore(options.concurrency());
    ConcurrentLinkedQueue<Submission> done = new ConcurrentLinkedQueue<>();
    ThreadFactory threads = Thread.ofVirtual().name("submit-", 0).factory();
    List<Thread> started = new ArrayList<>(offsets.length);
    long start = System.nanoTime();
    for (int i = 0; i < offsets.length; i++) {
      long planned = start + offsets[i];
      for (long wait = planned - System.nanoTime(); wait > 0; wait = planned - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      inFlight.acquire();
      int index = i;
      Thread thread = threads.newThread(() -> {
        try {
          done.add(submit(index, planned, seedBase + index));
        } finally {
          inFlight.release();
        }
      });
      thread.start();
      started.add(thread);
    }
    for (Thread thread : started) {
      thread.join();
    }
    List<Submission> all = new ArrayList<>(done);
    all.sort(Comparator.comparingInt(Submission::index));
    return all;
  }

  private Submission submit(int index, long planned, long seed) {
    GenerationKind kind = options.mix().kind(index);
    int user = index % users.size();
    String apiKey = users.get(user).apiKey();
    Optional<UploadFile> file = kind.upload(seed);
    CadenzaClient.Uploaded upload = file.map(f -> client.upload(apiKey, f)).orElse(null);
    if (upload != null && !upload.ready()) {
      return new Submission(
          index,
          kind,
          user,
          planned,
          upload.endNanos(),
          upload.endNanos(),
          upload.status(),
          null,
          "upload " + upload.errorCode(),
          upload);
    }
    Map<String, Object> input = upload == null
        ? kind.input(seed, options.durationSeconds())
        : kind.input(seed, options.durationSeconds(), upload.id());
    CadenzaClient.Submitted answer = client.submit(apiKey, kind.type().wireName(), input);
    return new Submission(
        index,
        kind,
        user,
        planned,
        answer.sentNanos(),
        answer.answeredNanos(),
        answer.status(),
        answer.id(),
        answer.errorCode(),
        upload);
  }
}
