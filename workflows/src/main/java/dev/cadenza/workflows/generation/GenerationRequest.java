package dev.cadenza.workflows.generation;

/**
 * What every generation workflow's argument carries besides its type's input: the shell ({@link
 * GenerationWorkflowShell}) holds, queues and names the generation from it.
 */
public interface GenerationRequest {
  String generationId();

  String userId();

  /** The credits held, and captured on success. */
  long cost();

  /** The user's concurrency limit when it was submitted: their lane's size. */
  int maxConcurrent();
}
