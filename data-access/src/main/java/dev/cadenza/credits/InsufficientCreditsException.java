package dev.cadenza.credits;

/**
 * The account cannot afford the operation; nothing was changed. A business outcome, not a
 * fault: retrying will not help until credits are added (map it to HTTP 402 / a non-retryable
 * activity failure).
 */
public class InsufficientCreditsException extends RuntimeException {

  private final String userId;
  private final long available;
  private final long requested;

  /**
   * @param available what the account could spare when the operation was refused
   *                  ({@code balance - reserved})
   * @param requested what the operation needed (for a negative adjustment, its absolute value)
   */
  public InsufficientCreditsException(String userId, long available, long requested) {
    super("insufficient credits for user " + userId + ": available " + available + ", requested "
        + requested);
    this.userId = userId;
    this.available = available;
    this.requested = requested;
  }

  public String userId() {
    return userId;
  }

  public long available() {
    return available;
  }

  public long requested() {
    return requested;
  }
}
