package dev.cadenza.api.payments;

/**
 * The answer of {@code POST /v1/credits/checkout}.
 *
 * @param id the Checkout Session's id ({@code cs_...})
 * @param url where to send the customer to pay
 */
public record CheckoutView(String id, String url) {}
