package dev.cadenza.workflows.generation;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Workflow-side record of a generation's steps, answered by the {@code steps} query. It also
 * remembers every step still in flight so that, after a failure, the workflow can wait for them
 * to stop before it deletes their files.
 */
public final class StepTracker {
  private final Map<String, StepState> steps = new LinkedHashMap<>();
  private final List<Promise<?>> inFlight = new ArrayList<>();

  public StepTracker(List<String> names) {
    names.forEach(name -> steps.put(name, StepState.pending(name)));
  }

  /** Runs a step and records how it ended. */
  public <T> T run(String name, Functions.Func<T> step) {
    return start(name, Async.function(step)).get();
  }

  /** Runs a step that returns nothing. */
  public void run(String name, Functions.Proc step) {
    run(name, () -> {
      step.apply();
      return null;
    });
  }

  /** Starts a step without waiting for it, so that several can run in parallel. */
  public <T> Promise<T> runAsync(String name, Functions.Func<T> step) {
    return start(name, Async.function(step));
  }

  /** The user gave this step's result; the step is shown as skipped. */
  public <T> T skip(String name, T given) {
    steps.computeIfPresent(name, (n, s) -> s.ended(StepStatus.SKIPPED, now()));
    return given;
  }

  /** Waits until no step is running any more, whatever their outcome. */
  public void awaitSettled() {
    for (Promise<?> promise : List.copyOf(inFlight)) {
      promise.handle((value, failure) -> null).get();
    }
  }

  /** Marks every step that never ran as canceled; used when the generation ends early. */
  public void cancelPending() {
    steps.replaceAll(
        (n, s) -> s.status() == StepStatus.PENDING ? s.ended(StepStatus.CANCELED, null) : s);
  }

  public List<StepState> snapshot() {
    return List.copyOf(steps.values());
  }

  /**
   * The steps as they will stand once {@code name} succeeds: what the step that records the
   * final result must write, since it cannot report on itself afterwards.
   */
  public List<StepState> snapshotAfter(String name) {
    Instant now = now();
    return steps.values().stream()
        .map(s -> s.name().equals(name) ? s.ended(StepStatus.SUCCEEDED, now) : s)
        .toList();
  }

  private <T> Promise<T> start(String name, Promise<T> call) {
    steps.computeIfPresent(name, (n, s) -> s.started(now()));
    Promise<T> tracked = call.handle((value, failure) -> {
      steps.computeIfPresent(name, (n, s) -> s.ended(outcome(failure), now()));
      if (failure != null) {
        throw failure;
      }
      return value;
    });
    inFlight.add(tracked);
    return tracked;
  }

  private static StepStatus outcome(RuntimeException failure) {
    if (failure == null) {
      return StepStatus.SUCCEEDED;
    }
    boolean canceled = failure instanceof CanceledFailure
        || (failure instanceof ActivityFailure a && a.getCause() instanceof CanceledFailure);
    return canceled ? StepStatus.CANCELED : StepStatus.FAILED;
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
