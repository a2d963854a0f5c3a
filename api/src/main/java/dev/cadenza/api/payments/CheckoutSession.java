package dev.cadenza.api.payments;

/**
 * A Stripe Checkout Session for a credit package, as this service recorded it.
 *
 * @param status {@code open}, {@code completed} (credited) or {@code refunded} (taken back)
 */
record CheckoutSession(
    String id,
    String userId,
    String packageId,
    long credits,
    long amount,
    String currency,
    String paymentIntent,
    String status) {

  static final String OPEN = "open";
  static final String COMPLETED = "completed";
  static final String REFUNDED = "refunded";

  /** A session just made for {@code pack}, not paid yet: its payment intent comes with payment. */
  static CheckoutSession open(String id, String userId, PaymentsProperties.CreditPackage pack) {
    return new CheckoutSession(
        id, userId, pack.id(), pack.credits(), pack.amount(), pack.currency(), null, OPEN);
  }
}
