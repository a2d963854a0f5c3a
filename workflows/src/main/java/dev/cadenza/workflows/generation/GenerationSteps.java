package dev.cadenza.workflows.generation;

import java.util.Optional;
import java.util.Set;

/**
 * The step names every generation shares, named like the activity methods they run (the activity
 * side reports attempts and events under the same names).
 */
public final class GenerationSteps {
  public static final String RESERVE = "reserveCredits";
  public static final String STORE = "storeOutputs";
  public static final String CAPTURE = "captureCredits";
  public static final String PUBLISH = "publishResult";

  /**
   * Activities that are not steps the user sees: status bookkeeping (which emits its own status
   * events), the wait for a slot in the user's lane, the admission (row and hold, from the {@code
   * reserve} update), and the compensations, none of which are in the generation's {@code steps}.
   */
  private static final Set<String> NOT_STEPS = Set.of(
      "markRunning", "recordFailure", "releaseCredits", "discardOutputs", "joinLane", "admit");

  /**
   * The step an activity runs, by its type ({@code GenerateAudio}: {@code generateAudio}); empty
   * for an activity that is no step.
   */
  public static Optional<String> ofActivity(String activityType) {
    if (activityType == null || activityType.isEmpty()) {
      return Optional.empty();
    }
    String step = Character.toLowerCase(activityType.charAt(0)) + activityType.substring(1);
    return NOT_STEPS.contains(step) ? Optional.empty() : Optional.of(step);
  }

  private GenerationSteps() {}
}
