package dev.cadenza.generation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What the API knows when it accepts a generation.
 *
 * @param webhookEvents the events the webhook wants; null for all of them
 */
public record NewGeneration(
    String id,
    String userId,
    String type,
    String workflowId,
    JsonNode input,
    long cost,
    String webhook,
    List<String> webhookEvents) {

  /** A generation whose webhook, if any, wants every event. */
  public NewGeneration(
      String id,
      String userId,
      String type,
      String workflowId,
      JsonNode input,
      long cost,
      String webhook) {
    this(id, userId, type, workflowId, input, cost, webhook, null);
  }
}
