package dev.cadenza.api.payments;

/**
 * The body of {@code POST /v1/credits/checkout}.
 *
 * @param packageId a package of {@code GET /v1/credits/packages}
 * @param successUrl where Stripe sends the customer after paying (http or https)
 * @param cancelUrl where Stripe sends the customer who gives up (http or https)
 */
public record CheckoutRequest(String packageId, String successUrl, String cancelUrl) {}
