package dev.cadenza.workflows.generation;

/** Where one step of a generation stands. */
public enum StepStatus {
  PENDING,
  RUNNING,
  SUCCEEDED,
  FAILED,
  SKIPPED,
  CANCELED
}
