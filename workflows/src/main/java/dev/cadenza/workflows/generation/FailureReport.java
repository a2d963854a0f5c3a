package dev.cadenza.workflows.generation;

import dev.cadenza.workflows.FailureTypes;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;
import java.util.Map;

/**
 * Turns the failure that ended a generation into the error the user sees: a stable code and a
 * message without internal details. Failures of the {@link FailureTypes} carry a message written
 * for the user (what to fix), kept as it is; any other names the step.
 */
public record FailureReport(boolean canceled, String code, String message) {
  private static final Map<String, String> CODES = Map.of(
      FailureTypes.INVALID_INPUT, "INVALID_INPUT",
      FailureTypes.CONTENT_REFUSED, "CONTENT_REFUSED",
      FailureTypes.INSUFFICIENT_CREDITS, "INSUFFICIENT_CREDITS",
      FailureTypes.RESERVATION_NOT_HELD, "RESERVATION_RELEASED",
      FailureTypes.SOURCE_UNAVAILABLE, "SOURCE_UNAVAILABLE");

  public static FailureReport of(RuntimeException failure) {
    if (isCancellation(failure)) {
      return new FailureReport(true, "CANCELED", "The generation was canceled.");
    }
    String step = failure instanceof ActivityFailure a ? stepName(a.getActivityType()) : "workflow";
    Throwable cause = failure instanceof ActivityFailure ? failure.getCause() : failure;
    if (cause instanceof ApplicationFailure app && CODES.containsKey(app.getType())) {
      return new FailureReport(false, CODES.get(app.getType()), app.getOriginalMessage());
    }
    if (cause instanceof TimeoutFailure) {
      return new FailureReport(false, "TIMEOUT", "Step " + step + " timed out.");
    }
    return new FailureReport(false, "STEP_FAILED", "Step " + step + " failed after retries.");
  }

  private static boolean isCancellation(Throwable failure) {
    return failure instanceof CanceledFailure
        || (failure instanceof ActivityFailure && failure.getCause() instanceof CanceledFailure);
  }

  /** Activity types are the method names with a capital first letter. */
  private static String stepName(String activityType) {
    if (activityType == null || activityType.isEmpty()) {
      return "unknown";
    }
    return Character.toLowerCase(activityType.charAt(0)) + activityType.substring(1);
  }
}
