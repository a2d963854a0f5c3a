package dev.cadenza.generation.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One stored event of a generation; {@code id} orders a generation's events and is the SSE id. */
public record GenerationEvent(
    long id, String generationId, GenerationEventType type, JsonNode data, Instant createdAt) {

  public boolean terminal() {
    return type.terminal();
  }
}
