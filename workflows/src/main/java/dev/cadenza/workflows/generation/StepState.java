package dev.cadenza.workflows.generation;

import java.time.Instant;

/** One step as the workflow knows it. Times come from the workflow clock (deterministic). */
public record StepState(String name, StepStatus status, Instant startedAt, Instant completedAt) {

  public static StepState pending(String name) {
    return new StepState(name, StepStatus.PENDING, null, null);
  }

  StepState started(Instant at) {
    return new StepState(name, StepStatus.RUNNING, at, null);
  }

  StepState ended(StepStatus status, Instant at) {
    return new StepState(name, status, startedAt, at);
  }
}
