package dev.cadenza.api.generation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadenza.workflows.generation.GenerationType;

/**
 * A generation request that passed validation: what to store ({@code input}, normalized), what to
 * hold ({@code cost}) and which workflow to start with which argument.
 *
 * @param type the type, which names the workflow to start
 * @param parentId the earlier generation it builds on (imageFrom, remixOf); null when none
 */
public record PreparedGeneration(
    GenerationType type, JsonNode input, long cost, WorkflowArgument argument, String parentId) {

  /** A generation built on no other. */
  public PreparedGeneration(
      GenerationType type, JsonNode input, long cost, WorkflowArgument argument) {
    this(type, input, cost, argument, null);
  }

  /** The workflow's argument, once the generation has its id. */
  @FunctionalInterface
  public interface WorkflowArgument {
    /** The workflow's argument; {@code maxConcurrent} is the user's lane size. */
    Object of(String generationId, String userId, int maxConcurrent);
  }
}
