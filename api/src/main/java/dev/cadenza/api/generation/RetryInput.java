package dev.cadenza.api.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cadenza.workflows.generation.GenerationType;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;

/**
 * The input an operator's retry runs with: the original's, except that a render's {@code
 * publishTo} target whose {@code at} has passed since loses it, so it is sent as soon as the
 * retried render is stored. The user asked for it to go out; it is late through no fault of
 * theirs, and a retry is sent late as a publication that came due while the service was down is
 * (a time still ahead stays scheduled).
 */
final class RetryInput {
  /**
   * A time this close is taken as passed: the create path that parses the input a moment later
   * refuses an {@code at} that is no longer ahead.
   */
  static final Duration MARGIN = Duration.ofSeconds(1);

  private RetryInput() {}

  static JsonNode of(String type, JsonNode input, Instant now) {
    if (!GenerationType.RENDER.is(type)
        || input == null
        || !input.path("publishTo").isArray()) {
      return input;
    }
    JsonNode copy = input.deepCopy();
    for (JsonNode target : copy.path("publishTo")) {
      if (target instanceof ObjectNode scheduled && passed(scheduled.path("at"), now)) {
        scheduled.remove("at");
      }
    }
    return copy;
  }

  /** Stored inputs hold the UTC instant the request's {@code at} named. */
  private static boolean passed(JsonNode at, Instant now) {
    if (!at.isTextual()) {
      return false;
    }
    try {
      return !Instant.parse(at.asText()).isAfter(now.plus(MARGIN));
    } catch (DateTimeException e) {
      return false; // not one this service wrote: the create path answers for it
    }
  }
}
