package dev.cadenza.api.payments;

import dev.cadenza.api.account.UserRepository;
import dev.cadenza.api.payments.PaymentsProperties.CreditPackage;
import dev.cadenza.api.problem.ApiException;
import dev.cadenza.credits.CreditLedger;
import dev.cadenza.credits.TransactionType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns verified Stripe events into ledger entries, each exactly once: a paid session adds one
 * {@code purchase} (reference: the session id), a full refund takes the credits back with one
 * {@code admin_adjust} (reference {@code refund:<session id>}), never below zero.
 *
 * <p>Each event is handled in one database transaction that claims the event id, so a redelivery
 * changes nothing; a completion and a refund of the same payment are serialized by a lock on the
 * payment, so whichever arrives first the end state is the same (a refund that comes first waits
 * in {@code stripe_refunds} and is applied when its session completes). A refund the user can no
 * longer cover in full (credits spent or held) takes what is available and records the rest in
 * {@code payment_refund_shortfalls}, a WARN line and {@code
 * cadenza_payments_refund_shortfall_credits_total} for the operators.
 */
@Service
class StripePurchases {
  static final String UNKNOWN_PACKAGE = "UNKNOWN_PACKAGE";
  static final String UNKNOWN_USER = "UNKNOWN_USER";
  static final String AMOUNT_MISMATCH = "AMOUNT_MISMATCH";

  private static final Logger log = LoggerFactory.getLogger(StripePurchases.class);

  private final CheckoutSessions sessions;
  private final CreditLedger ledger;
  private final UserRepository users;
  private final PaymentsProperties properties;
  private final TransactionTemplate transactions;
  private final Counter shortfallCredits;

  StripePurchases(
      CheckoutSessions sessions,
      CreditLedger ledger,
      UserRepository users,
      PaymentsProperties properties,
      PlatformTransactionManager transactionManager,
      MeterRegistry meters) {
    this.sessions = sessions;
    this.ledger = ledger;
    this.users = users;
    this.properties = properties;
    this.transactions = new TransactionTemplate(transactionManager);
    this.shortfallCredits = Counter.builder("cadenza.payments.refund.shortfall")
        .baseUnit("credits")
        .description("Credits refunded in money that could not be taken back (already spent)")
        .register(meters);
  }

  /**
   * A paid Checkout Session: one {@code purchase} of its package's credits, once per session.
   *
   * @throws ApiException 422 {@code UNKNOWN_PACKAGE}, {@code UNKNOWN_USER} or {@code
   *     AMOUNT_MISMATCH} for a session this service did not create and cannot attribute; nothing
   *     is recorded, not even the event
   */
  PurchaseOutcome completed(String eventId, String eventType, PaidSession paid) {
    PurchaseOutcome outcome = transactions.execute(status -> {
      sessions.lockPayment(paid.paymentIntent() != null ? paid.paymentIntent() : paid.id());
      if (!sessions.claimEvent(eventId, eventType)) {
        return PurchaseOutcome.alreadyHandled(paid.id());
      }
      if (sessions.lock(paid.id()).isEmpty()) {
        sessions.insert(attribute(paid));
      }
      CheckoutSession session = sessions.lock(paid.id()).orElseThrow();
      if (!session.status().equals(CheckoutSession.OPEN)) {
        return PurchaseOutcome.alreadyHandled(session.id());
      }
      ledger.credit(
          session.userId(),
          TransactionType.PURCHASE,
          session.credits(),
          session.id(),
          "Purchase of " + packageName(session.packageId()) + " (Stripe)");
      sessions.markCompleted(session.id(), paid.paymentIntent());
      log.info(
          "Stripe session {} paid: {} credits for user {}",
          session.id(),
          session.credits(),
          session.userId());
      if (paid.paymentIntent() != null && sessions.refunded(paid.paymentIntent())) {
        // The refund was delivered before this completion: apply it now, same end state.
        return takeBack(session);
      }
      return new PurchaseOutcome(PurchaseOutcome.Result.CREDITED, session.id(), 0);
    });
    countShortfall(outcome);
    return outcome;
  }

  /** A fully refunded charge: takes its session's credits back, once, never below zero. */
  PurchaseOutcome refunded(
      String eventId, String eventType, String paymentIntent, String chargeId) {
    PurchaseOutcome outcome = transactions.execute(status -> {
      sessions.lockPayment(paymentIntent);
      if (!sessions.claimEvent(eventId, eventType)) {
        return PurchaseOutcome.alreadyHandled(null);
      }
      sessions.recordRefund(paymentIntent, chargeId);
      return sessions
          .lockByPaymentIntent(paymentIntent)
          .filter(s -> s.status().equals(CheckoutSession.COMPLETED))
          .map(this::takeBack)
          // Not completed yet (or not ours): kept until a completion with this payment comes.
          .orElseGet(() -> new PurchaseOutcome(PurchaseOutcome.Result.REFUNDED, null, 0));
    });
    countShortfall(outcome);
    return outcome;
  }

  /** In the caller's transaction, with the session locked and completed. */
  private PurchaseOutcome takeBack(CheckoutSession session) {
    long available = sessions.lockAvailable(session.userId());
    long takenBack = Math.min(session.credits(), Math.max(0, available));
    if (takenBack > 0) {
      ledger.credit(
          session.userId(),
          TransactionType.ADMIN_ADJUST,
          -takenBack,
          "refund:" + session.id(),
          "Refund of " + packageName(session.packageId()) + " (Stripe)");
    }
    sessions.markRefunded(session.id());
    long shortfall = session.credits() - takenBack;
    if (shortfall > 0) {
      sessions.recordShortfall(session, takenBack);
      log.warn(
          "Stripe refund of session {} (user {}): {} of {} credits taken back; {} were already"
              + " spent or held and are NOT recovered (payment_refund_shortfalls)",
          session.id(),
          session.userId(),
          takenBack,
          session.credits(),
          shortfall);
    } else {
      log.info("Stripe refund of session {}: {} credits taken back", session.id(), takenBack);
    }
    return new PurchaseOutcome(PurchaseOutcome.Result.REFUNDED, session.id(), shortfall);
  }

  /** A session this service has no record of: from its metadata, if it names what it sold. */
  private CheckoutSession attribute(PaidSession paid) {
    String packageId = paid.metadata().get("packageId");
    CreditPackage pack = properties
        .find(packageId)
        .orElseThrow(() -> new ApiException(
            HttpStatus.UNPROCESSABLE_ENTITY,
            UNKNOWN_PACKAGE,
            "Session %s is for package %s, which is not on sale here; nothing was credited."
                .formatted(paid.id(), packageId)));
    String userId = Objects.requireNonNullElse(
        paid.clientReferenceId(), paid.metadata().getOrDefault("userId", ""));
    if (users.findById(userId).isEmpty()) {
      throw new ApiException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          UNKNOWN_USER,
          "Session %s names no user of this service; nothing was credited.".formatted(paid.id()));
    }
    if (paid.amountTotal() == null
        || paid.amountTotal() != pack.amount()
        || !pack.currency()
            .equals(Objects.toString(paid.currency(), "").toLowerCase(Locale.ROOT))) {
      throw new ApiException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          AMOUNT_MISMATCH,
          "Session %s charged %s %s; package %s costs %d %s. Nothing was credited."
              .formatted(
                  paid.id(),
                  paid.amountTotal(),
                  paid.currency(),
                  pack.id(),
                  pack.amount(),
                  pack.currency()));
    }
    return CheckoutSession.open(paid.id(), userId, pack);
  }

  private String packageName(String packageId) {
    return properties.find(packageId).map(CreditPackage::name).orElse(packageId);
  }

  private void countShortfall(PurchaseOutcome outcome) {
    if (outcome != null && outcome.shortfall() > 0) {
      shortfallCredits.increment(outcome.shortfall());
    }
  }
}
