package dev.cadenza.gpuworker.runner;

import com.google.protobuf.Struct;

/**
 * One model the worker can run. A runner is shared by all slots of its model, so {@link #run}
 * must be safe to call concurrently; the built-in runners keep no mutable state.
 *
 * <p>Runners must be deterministic for the same input (including {@code seed}): the worker's
 * idempotency story (attach instead of re-run) is easier to test when a re-run would give the
 * same bytes anyway.
 */
public interface ModelRunner {

  /** The model name callers put in {@code JobRequest.model}, e.g. {@code "audio"}. */
  String model();

  /**
   * Checks the input before the job takes a queue place, so a bad request fails in
   * milliseconds instead of after waiting for a slot. Throws {@link ModelFailureException}
   * ({@code INVALID_INPUT}). The default accepts everything.
   */
  default void validate(Struct input) {}

  /**
   * Runs the model. Throw {@link ModelFailureException} for failures with a stable code; any
   * other exception becomes a retryable {@code MODEL_ERROR}. Long runs must call {@link
   * RunContext#checkCanceled()} (or report progress, which checks too) at least every ~100 ms.
   */
  RunResult run(Struct input, RunContext ctx);
}
