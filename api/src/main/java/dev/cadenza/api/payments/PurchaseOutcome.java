package dev.cadenza.api.payments;

/**
 * What handling one Stripe event did.
 *
 * @param shortfall credits a refund could not take back (the user had spent them); 0 otherwise
 */
record PurchaseOutcome(Result result, String sessionId, long shortfall) {
  enum Result {
    /** The purchase was credited now. */
    CREDITED,
    /** The refund was applied now (or recorded until its session completes). */
    REFUNDED,
    /** This event, or the effect it asks for, was handled before: nothing changed. */
    ALREADY_HANDLED
  }

  static PurchaseOutcome alreadyHandled(String sessionId) {
    return new PurchaseOutcome(Result.ALREADY_HANDLED, sessionId, 0);
  }
}
