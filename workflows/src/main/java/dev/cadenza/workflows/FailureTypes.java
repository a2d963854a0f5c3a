package dev.cadenza.workflows;

/**
 * {@code ApplicationFailure} types that no retry can fix. Activity options list them as
 * non-retryable; the workflow turns them into the generation's error code.
 */
public final class FailureTypes {
  /** The input cannot be processed (out-of-range parameter, unreadable file). */
  public static final String INVALID_INPUT = "InvalidInput";

  /** A model or the LLM refused the content. */
  public static final String CONTENT_REFUSED = "ContentRefused";

  /** The user cannot afford the hold. */
  public static final String INSUFFICIENT_CREDITS = "InsufficientCredits";

  /** The hold this generation relies on is no longer held (released by reconciliation). */
  public static final String RESERVATION_NOT_HELD = "ReservationNotHeld";

  private FailureTypes() {}
}
