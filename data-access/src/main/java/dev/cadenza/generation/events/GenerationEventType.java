package dev.cadenza.generation.events;

import java.util.Arrays;

/** The kinds of generation events, named on the wire as in API.md. */
public enum GenerationEventType {
  STATUS,
  STEP_STARTED,
  PROGRESS,
  STEP_COMPLETED,
  COMPLETED,
  FAILED,
  CANCELED;

  /** The SSE event name and database value: {@code step_started}. */
  public String wireName() {
    return name().toLowerCase();
  }

  /** The generation ended: nothing follows this event. */
  public boolean terminal() {
    return this == COMPLETED || this == FAILED || this == CANCELED;
  }

  public static GenerationEventType fromWire(String name) {
    return Arrays.stream(values())
        .filter(t -> t.wireName().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown generation event " + name));
  }
}
