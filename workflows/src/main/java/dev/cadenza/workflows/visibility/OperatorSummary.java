package dev.cadenza.workflows.visibility;

import dev.cadenza.workflows.generation.GenerationType;

/**
 * A workflow argument that describes its generation in one line for operators, never with user
 * content. The API sets it as the workflow's static summary at start and the workflow puts it in
 * its memo, so the Temporal UI shows one and the same line in both places.
 */
public interface OperatorSummary {
  /** E.g. {@code "song, 20 s, from a description, 10 credits"}. */
  String summary();

  /** The summary of a generation whose argument has none of its own. */
  static String basic(GenerationType type, long cost) {
    return type.wireName() + ", " + cost + " credits";
  }

  /** {@code argument}'s own summary when it has one, else {@link #basic}. */
  static String of(Object argument, GenerationType type, long cost) {
    return argument instanceof OperatorSummary own ? own.summary() : basic(type, cost);
  }
}
