package dev.cadenza.fleet;

import com.google.protobuf.Struct;
import dev.cadenza.gpuworker.runner.ModelRunner;
import dev.cadenza.gpuworker.runner.RunContext;
import dev.cadenza.gpuworker.runner.RunResult;
import java.util.concurrent.atomic.AtomicInteger;

/** Model "flaky": its first run crashes (a retryable MODEL_ERROR), later runs succeed. */
final class FlakyRunner implements ModelRunner {

  final AtomicInteger runs = new AtomicInteger();

  @Override
  public String model() {
    return "flaky";
  }

  @Override
  public RunResult run(Struct input, RunContext ctx) {
    ctx.progress("work", 50);
    if (runs.incrementAndGet() == 1) {
      throw new IllegalStateException("out of GPU memory");
    }
    return RunResult.text("ok");
  }
}
