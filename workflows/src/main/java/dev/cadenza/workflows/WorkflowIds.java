package dev.cadenza.workflows;

/**
 * Workflow ids name the work: {@code <type>-<generationId>}, e.g. {@code song-gen_123} (made by
 * {@link dev.cadenza.workflows.generation.GenerationType#workflowId}). The id is the idempotency
 * anchor of a generation (a second start with the same id is rejected) and the base of its GPU
 * job ids.
 */
public final class WorkflowIds {

  /** The generation id inside a workflow id, or null when it is not a generation's workflow. */
  public static String generationId(String workflowId) {
    int dash = workflowId == null ? -1 : workflowId.lastIndexOf("-gen_");
    return dash < 0 ? null : workflowId.substring(dash + 1);
  }

  private WorkflowIds() {}
}
