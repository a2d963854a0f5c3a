package dev.cadenza.gpuworker;

import com.google.protobuf.Struct;
import dev.cadenza.gpuworker.runner.ModelRunner;
import dev.cadenza.gpuworker.runner.RunContext;
import dev.cadenza.gpuworker.runner.RunResult;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test model whose jobs run until the test opens the gate (or, with {@code autoOpenMillis},
 * for that long), checking cancellation every 10 ms like a well-behaved runner. Counts runs,
 * concurrent runs and runner exits so tests can prove what the worker did.
 */
final class GatedRunner implements ModelRunner {

  final AtomicInteger runs = new AtomicInteger();
  final AtomicInteger concurrent = new AtomicInteger();
  final AtomicInteger maxConcurrent = new AtomicInteger();
  final AtomicInteger exits = new AtomicInteger();
  private final String model;
  private final long autoOpenMillis;
  private final CountDownLatch gate = new CountDownLatch(1);

  GatedRunner(String model, long autoOpenMillis) {
    this.model = model;
    this.autoOpenMillis = autoOpenMillis;
  }

  void open() {
    gate.countDown();
  }

  @Override
  public String model() {
    return model;
  }

  @Override
  public RunResult run(Struct input, RunContext ctx) {
    runs.incrementAndGet();
    maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
    long startedAt = System.nanoTime();
    try {
      ctx.progress("waiting", 10);
      while (gate.getCount() > 0
          && (autoOpenMillis <= 0 || System.nanoTime() - startedAt < autoOpenMillis * 1_000_000)) {
        ctx.checkCanceled();
        Thread.sleep(10);
      }
      byte[] result = ("done " + ctx.jobId()).getBytes(StandardCharsets.UTF_8);
      ctx.emitOutput("result.txt", "text/plain", result);
      return RunResult.text("done");
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    } finally {
      concurrent.decrementAndGet();
      exits.incrementAndGet();
    }
  }
}
