package dev.cadenza.fleet;

import dev.cadenza.workflows.FailureTypes;
import io.temporal.failure.ApplicationFailure;

/**
 * Turns fleet failures into the {@code ApplicationFailure}s workflows understand: bad input and
 * refused content are final, everything else is worth a retry (which re-attaches to the job).
 */
final class FleetFailures {

  /**
   * Type of retryable model failures (runner error, worker shutdown, job canceled on the worker).
   */
  static final String MODEL_ERROR = "ModelError";

  /** Type of "no worker could take the job or its stream broke". */
  static final String GPU_UNAVAILABLE = "GpuUnavailable";

  /** Type of any other non-retryable model failure. */
  static final String MODEL_FAILED = "ModelFailed";

  private FleetFailures() {}

  static ApplicationFailure toApplicationFailure(GpuFleetException failure) {
    String message = failure.getMessage();
    return switch (failure) {
      case GpuJobFailedException f
      when !f.retryable() ->
        ApplicationFailure.newNonRetryableFailure(message, nonRetryableType(f.code()), f.code());
      case GpuJobFailedException f -> ApplicationFailure.newFailure(message, MODEL_ERROR, f.code());
      case GpuJobCanceledException c -> ApplicationFailure.newFailure(message, MODEL_ERROR);
      case GpuUnavailableException u -> ApplicationFailure.newFailure(message, GPU_UNAVAILABLE);
    };
  }

  private static String nonRetryableType(String code) {
    return switch (code) {
      case GpuJobFailedException.INVALID_INPUT -> FailureTypes.INVALID_INPUT;
      case GpuJobFailedException.CONTENT_REFUSED -> FailureTypes.CONTENT_REFUSED;
      default -> MODEL_FAILED;
    };
  }
}
