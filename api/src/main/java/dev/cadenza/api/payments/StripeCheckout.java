package dev.cadenza.api.payments;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionCreateParams.LineItem;
import dev.cadenza.api.payments.PaymentsProperties.CreditPackage;
import dev.cadenza.api.problem.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Creates Stripe Checkout Sessions for credit packages with Stripe's client (one instance, its
 * own key and API base; never the library's global settings) and records them.
 */
@Service
class StripeCheckout {
  static final String PAYMENT_PROVIDER_ERROR = "PAYMENT_PROVIDER_ERROR";

  private static final Logger log = LoggerFactory.getLogger(StripeCheckout.class);

  private final PaymentsProperties properties;
  private final CheckoutSessions sessions;
  private final StripeClient stripe;

  StripeCheckout(PaymentsProperties properties, CheckoutSessions sessions) {
    this.properties = properties;
    this.sessions = sessions;
    PaymentsProperties.Stripe settings = properties.stripe();
    this.stripe = settings.configured()
        ? StripeClient.builder()
            .setApiKey(settings.secretKey())
            .setApiBase(settings.apiBase())
            .setConnectTimeout(10_000)
            .setReadTimeout(30_000)
            // The library retries with an idempotency key of its own: never two sessions.
            .setMaxNetworkRetries(2)
            .build()
        : null;
  }

  /**
   * A Checkout Session that sells {@code pack} to the user, who is its client reference.
   *
   * @throws PaymentsNotConfiguredException without the Stripe secrets
   * @throws ApiException 502 {@code PAYMENT_PROVIDER_ERROR} when Stripe refuses or is unreachable
   */
  CheckoutView create(String userId, CreditPackage pack, String successUrl, String cancelUrl) {
    if (stripe == null) {
      throw new PaymentsNotConfiguredException();
    }
    SessionCreateParams params = SessionCreateParams.builder()
        .setMode(SessionCreateParams.Mode.PAYMENT)
        .setClientReferenceId(userId)
        .setSuccessUrl(successUrl)
        .setCancelUrl(cancelUrl)
        .putMetadata("packageId", pack.id())
        .putMetadata("userId", userId)
        .addLineItem(LineItem.builder()
            .setQuantity(1L)
            .setPriceData(LineItem.PriceData.builder()
                .setCurrency(pack.currency())
                .setUnitAmount(pack.amount())
                .setProductData(LineItem.PriceData.ProductData.builder()
                    .setName(pack.name())
                    .build())
                .build())
            .build())
        .build();
    Session created;
    try {
      created = stripe.v1().checkout().sessions().create(params);
    } catch (StripeException e) {
      log.warn("Stripe refused a Checkout Session for package {}: {}", pack.id(), e.getMessage());
      throw new ApiException(
          HttpStatus.BAD_GATEWAY,
          PAYMENT_PROVIDER_ERROR,
          "The payment provider could not start a checkout; try again later.");
    }
    // The payment intent is not known yet (Stripe makes it when the customer pays): the
    // completion event brings it.
    CheckoutSession session = CheckoutSession.open(created.getId(), userId, pack);
    sessions.insert(session);
    return new CheckoutView(created.getId(), created.getUrl());
  }

  boolean configured() {
    return properties.stripe().configured();
  }
}
