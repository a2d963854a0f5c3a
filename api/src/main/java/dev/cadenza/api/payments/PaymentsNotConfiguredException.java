package dev.cadenza.api.payments;

import dev.cadenza.api.problem.ApiException;
import org.springframework.http.HttpStatus;

/** 503 {@code PAYMENTS_NOT_CONFIGURED}: no Stripe secret key or webhook secret is set. */
final class PaymentsNotConfiguredException extends ApiException {
  static final String CODE = "PAYMENTS_NOT_CONFIGURED";

  PaymentsNotConfiguredException() {
    super(
        HttpStatus.SERVICE_UNAVAILABLE,
        CODE,
        "Payments are not configured on this service (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET).");
  }
}
