package dev.cadenza.api.payments;

import com.google.gson.JsonParseException;
import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.EventDataObjectDeserializer;
import com.stripe.model.StripeObject;
import com.stripe.model.checkout.Session;
import com.stripe.net.Webhook;
import dev.cadenza.api.problem.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stripe's webhook endpoint. The signature ({@code Stripe-Signature}) is checked by Stripe's
 * library over the exact bytes received, with the configured tolerance for the signed timestamp;
 * only then is the event read. Events this service does not act on are acknowledged (200), so
 * Stripe stops sending them.
 */
@RestController
@Tag(
    name = "Payments",
    description = "Stripe's webhook: purchases of credit packages and their refunds.")
public class StripeWebhookController {
  static final String INVALID_SIGNATURE = "INVALID_SIGNATURE";
  static final String INVALID_EVENT = "INVALID_EVENT";

  private static final Logger log = LoggerFactory.getLogger(StripeWebhookController.class);

  private final PaymentsProperties properties;
  private final StripePurchases purchases;

  StripeWebhookController(PaymentsProperties properties, StripePurchases purchases) {
    this.properties = properties;
    this.purchases = purchases;
  }

  @Operation(
      operationId = "receiveStripeWebhook",
      summary = "Stripe webhook",
      description = "Called by Stripe, signed with the endpoint's secret (`Stripe-Signature`)."
          + " `checkout.session.completed` (paid) adds one `purchase` of the package's credits"
          + " with the session id as `referenceId`, once however often it is delivered;"
          + " `charge.refunded` (full) takes them back with one `admin_adjust`, never below"
          + " zero. Other events are acknowledged and ignored.",
      responses = {
        @ApiResponse(responseCode = "200", description = "Received (and handled once)."),
        @ApiResponse(
            responseCode = "400",
            description = "`INVALID_SIGNATURE` (missing, forged or older than the tolerance),"
                + " `INVALID_EVENT` (not an event Stripe would send)."),
        @ApiResponse(
            responseCode = "422",
            description = "`UNKNOWN_PACKAGE`, `UNKNOWN_USER`, `AMOUNT_MISMATCH`: a paid session"
                + " this service cannot attribute; nothing is credited."),
        @ApiResponse(
            responseCode = "503",
            description = "`PAYMENTS_NOT_CONFIGURED`: no webhook secret is set.")
      })
  @SecurityRequirements // Stripe signs it instead
  @PostMapping("/v1/webhooks/stripe")
  public Map<String, Object> receive(
      @RequestBody byte[] body,
      @RequestHeader(name = "Stripe-Signature", required = false) String signature) {
    PaymentsProperties.Stripe settings = properties.stripe();
    if (!settings.configured()) {
      throw new PaymentsNotConfiguredException();
    }
    if (signature == null || signature.isBlank()) {
      throw badSignature("The Stripe-Signature header is missing.");
    }
    // The signature covers these exact bytes: never re-encode the body before checking it.
    String payload = new String(body, StandardCharsets.UTF_8);
    Event event;
    try {
      event = Webhook.constructEvent(
          payload,
          signature,
          settings.webhookSecret(),
          settings.webhookTolerance().toSeconds());
    } catch (SignatureVerificationException e) {
      throw badSignature("The Stripe-Signature does not verify: " + e.getMessage());
    } catch (JsonParseException | IllegalStateException e) {
      throw invalidEvent("The body is not a Stripe event.");
    }
    if (event.getId() == null || event.getType() == null) {
      throw invalidEvent("The event has no id or type.");
    }
    return switch (event.getType()) {
      case "checkout.session.completed", "checkout.session.async_payment_succeeded" ->
        sessionPaid(event);
      case "charge.refunded" -> chargeRefunded(event);
      default -> answer(event, "ignored");
    };
  }

  private Map<String, Object> sessionPaid(Event event) {
    if (!(read(event) instanceof Session session)) {
      throw invalidEvent("The event does not carry a Checkout Session.");
    }
    if (!"paid".equals(session.getPaymentStatus())) {
      // An asynchronous payment method: checkout.session.async_payment_succeeded follows.
      return answer(event, "not paid yet");
    }
    if (session.getId() == null) {
      throw invalidEvent("The Checkout Session has no id.");
    }
    PurchaseOutcome outcome = purchases.completed(
        event.getId(),
        event.getType(),
        new PaidSession(
            session.getId(),
            session.getPaymentIntent(),
            session.getClientReferenceId(),
            Objects.requireNonNullElse(session.getMetadata(), Map.of()),
            session.getAmountTotal(),
            session.getCurrency()));
    return answer(event, outcome.result().name().toLowerCase(java.util.Locale.ROOT));
  }

  private Map<String, Object> chargeRefunded(Event event) {
    if (!(read(event) instanceof Charge charge)) {
      throw invalidEvent("The event does not carry a Charge.");
    }
    if (!Boolean.TRUE.equals(charge.getRefunded()) || charge.getPaymentIntent() == null) {
      // Partial refunds are an operator's decision (POST /v1/admin/users/{id}/credits).
      log.info(
          "Stripe charge {} partly refunded ({} of {}): no credits taken back",
          charge.getId(),
          charge.getAmountRefunded(),
          charge.getAmount());
      return answer(event, "partial refund ignored");
    }
    PurchaseOutcome outcome = purchases.refunded(
        event.getId(), event.getType(), charge.getPaymentIntent(), charge.getId());
    return answer(event, outcome.result().name().toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * The event's object. When the event was written with another API version than the library's,
   * {@code getObject()} is empty; the fields read here have the same shape in every version, so
   * the object is then read regardless (stripe-java's documented fallback); likewise when the
   * event names no version.
   */
  private static StripeObject read(Event event) {
    EventDataObjectDeserializer data = event.getDataObjectDeserializer();
    if (data == null) {
      throw invalidEvent("The event has no data object.");
    }
    try {
      // Without an api_version, getObject() cannot compare versions (it throws): read it as is.
      if (event.getApiVersion() != null && data.getObject().isPresent()) {
        return data.getObject().get();
      }
      return data.deserializeUnsafe();
    } catch (EventDataObjectDeserializationException | RuntimeException e) {
      throw invalidEvent("The event's object cannot be read.");
    }
  }

  private static Map<String, Object> answer(Event event, String result) {
    return Map.of("received", true, "id", event.getId(), "result", result);
  }

  private static ApiException badSignature(String detail) {
    return new ApiException(HttpStatus.BAD_REQUEST, INVALID_SIGNATURE, detail);
  }

  private static ApiException invalidEvent(String detail) {
    return new ApiException(HttpStatus.BAD_REQUEST, INVALID_EVENT, detail);
  }
}
