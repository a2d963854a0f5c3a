package dev.cadenza.api.payments;

import java.util.Map;

/**
 * What a {@code checkout.session.completed} event says about a paid session.
 *
 * @param metadata the session's metadata ({@code packageId}, {@code userId}); never null
 * @param amountTotal what was charged, in the currency's smallest unit; null when absent
 */
record PaidSession(
    String id,
    String paymentIntent,
    String clientReferenceId,
    Map<String, String> metadata,
    Long amountTotal,
    String currency) {}
