package dev.cadenza.generation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A row of the generations read model. JSON columns are kept as trees.
 *
 * @param parentId the earlier generation this one is built on (imageFrom, remixOf); null when none
 */
public record Generation(
    String id,
    long seq,
    String userId,
    String type,
    GenerationStatus status,
    String workflowId,
    JsonNode input,
    JsonNode output,
    String errorCode,
    String errorMessage,
    long cost,
    boolean published,
    JsonNode steps,
    String progressStep,
    Integer progressPercent,
    String webhook,
    Instant createdAt,
    Instant startedAt,
    Instant completedAt,
    String parentId) {

  public boolean terminal() {
    return status.terminal();
  }
}
