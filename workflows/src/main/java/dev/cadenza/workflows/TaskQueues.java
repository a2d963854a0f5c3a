package dev.cadenza.workflows;

/**
 * Task-queue names, in one place so the API, the workers and tests agree. One queue per kind of
 * work, so that each pool of workers polls only what it is sized for and scales on its own
 * queue's backlog. Activity stubs get their queue from their kind ({@code ActivityKinds}), never
 * from a name in workflow code.
 */
public final class TaskQueues {
  /**
   * Workflow tasks (and the workflows' local activities, which run in the workflow's worker).
   * The name is the one queue of before the split: workflows already running were started on it,
   * and a workflow's tasks stay on the queue it was started on.
   */
  public static final String GENERATIONS = "cadenza-generations";

  /**
   * Steps that run a model on the GPU fleet (audio, cover, image, mesh, video): minutes long,
   * heartbeating, one GPU slot each. Their workers scale with the fleet.
   */
  public static final String GPU = "cadenza-gpu";

  /**
   * LLM steps (prompt, lyrics, categories): seconds long, bounded by the language model's own
   * capacity or rate limit rather than by GPU slots.
   */
  public static final String LLM = "cadenza-llm";

  /**
   * Bookkeeping and I/O: ledger and read-model writes, storage, downloads of user files,
   * deliveries to other platforms and webhooks, upload checks. Short, idempotent, bounded by
   * the database, storage and the network.
   */
  public static final String IO = "cadenza-io";

  private TaskQueues() {}
}
