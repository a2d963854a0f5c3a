package dev.cadenza.workflows;

/** Task-queue names, in one place so the API, the workers and tests agree. */
public final class TaskQueues {
  /** Workflows and every activity of a generation. */
  public static final String GENERATIONS = "cadenza-generations";

  private TaskQueues() {}
}
