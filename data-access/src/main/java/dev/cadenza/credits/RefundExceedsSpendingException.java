package dev.cadenza.credits;

/**
 * A refund larger than what the account has spent (net of earlier refunds); nothing was changed.
 * Refunds give back spent credits and never create any, so this is refused rather than capped.
 */
public class RefundExceedsSpendingException extends IllegalStateException {

  private final long requested;
  private final long spent;

  public RefundExceedsSpendingException(String userId, long requested, long spent) {
    super("refund of %d exceeds the %d credits user %s has spent"
        .formatted(requested, spent, userId));
    this.requested = requested;
    this.spent = spent;
  }

  public long requested() {
    return requested;
  }

  /** The account's {@code lifetimeSpent} when the refund was refused. */
  public long spent() {
    return spent;
  }
}
