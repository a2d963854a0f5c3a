package dev.cadenza.generation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What the API knows when it accepts a generation.
 *
 * @param webhookEvents the events the webhook wants; null for all of them
 * @param parentId the earlier generation this one is built on (imageFrom, remixOf); null when none
 */
public record NewGeneration(
    String id,
    String userId,
    String type,
    String workflowId,
    JsonNode input,
    long cost,
    String webhook,
    List<String> webhookEvents,
    String parentId) {

  /** A generation built on no other. */
  public NewGeneration(
      String id,
      String userId,
      String type,
      String workflowId,
      JsonNode input,
      long cost,
      String webhook,
      List<String> webhookEvents) {
    this(id, userId, type, workflowId, input, cost, webhook, webhookEvents, null);
  }

  /** A generation whose webhook, if any, wants every event. */
  public NewGeneration(
      String id,
      String userId,
      String type,
      String workflowId,
      JsonNode input,
      long cost,
      String webhook) {
    this(id, userId, type, workflowId, input, cost, webhook, null, null);
  }
}
