package dev.cadenza.workflows;

/**
 * {@code ApplicationFailure} types whose message is written for the user. All but {@link
 * #SOURCE_UNAVAILABLE} are ones no retry can fix: activity options list them as non-retryable.
 * The workflow turns each into the generation's error code and keeps its message.
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

  /**
   * A file the user named by URL could not be fetched for a reason that may pass (unknown host,
   * no answer in time, a server error): retried, and when the retries run out the last attempt's
   * message is the generation's error, since only the user can fix the URL.
   */
  public static final String SOURCE_UNAVAILABLE = "SourceUnavailable";

  private FailureTypes() {}
}
