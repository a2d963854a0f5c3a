package dev.cadenza.api.payments;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code checkout_sessions}, {@code stripe_events} and {@code stripe_refunds} tables. */
@Repository
class CheckoutSessions {
  private static final String COLUMNS =
      "id, user_id, package_id, credits, amount, currency, payment_intent, status";

  private final JdbcClient jdbc;

  CheckoutSessions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Records a session; a session already recorded (same id) is left as it is. */
  void insert(CheckoutSession session) {
    jdbc.sql("""
            insert into checkout_sessions
                (id, user_id, package_id, credits, amount, currency, payment_intent, status)
            values (:id, :userId, :packageId, :credits, :amount, :currency, :paymentIntent, :status)
            on conflict (id) do nothing""")
        .param("id", session.id())
        .param("userId", session.userId())
        .param("packageId", session.packageId())
        .param("credits", session.credits())
        .param("amount", session.amount())
        .param("currency", session.currency())
        .param("paymentIntent", session.paymentIntent())
        .param("status", session.status())
        .update();
  }

  /** The session, its row locked until the transaction ends. */
  Optional<CheckoutSession> lock(String id) {
    return jdbc.sql("select " + COLUMNS + " from checkout_sessions where id = :id for update")
        .param("id", id)
        .query(CheckoutSession.class)
        .optional();
  }

  /** The session paid by this payment intent, its row locked until the transaction ends. */
  Optional<CheckoutSession> lockByPaymentIntent(String paymentIntent) {
    return jdbc.sql(
            "select " + COLUMNS + " from checkout_sessions where payment_intent = :pi for update")
        .param("pi", paymentIntent)
        .query(CheckoutSession.class)
        .optional();
  }

  void markCompleted(String id, String paymentIntent) {
    jdbc.sql("""
            update checkout_sessions
               set status = 'completed', completed_at = now(),
                   payment_intent = coalesce(cast(:pi as text), payment_intent)
             where id = :id""").param("id", id).param("pi", paymentIntent).update();
  }

  void markRefunded(String id) {
    jdbc.sql("update checkout_sessions set status = 'refunded', refunded_at = now() where id = :id")
        .param("id", id)
        .update();
  }

  /**
   * Serializes, until the transaction ends, everything done for one payment: a completion and a
   * refund of the same payment intent delivered at once must see each other's effects.
   */
  void lockPayment(String key) {
    jdbc.sql("select 1 from pg_advisory_xact_lock(hashtextextended(:key, 0))")
        .param("key", "stripe-payment:" + key)
        .query(Integer.class)
        .single();
  }

  /**
   * Claims an event id. A concurrent duplicate waits on the primary key until the first
   * transaction ends, then finds it.
   *
   * @return false when the event was handled before
   */
  boolean claimEvent(String eventId, String type) {
    return jdbc.sql("""
                insert into stripe_events (id, type) values (:id, :type)
                on conflict (id) do nothing""").param("id", eventId).param("type", type).update() == 1;
  }

  /** Records a full refund of a payment intent (once). */
  void recordRefund(String paymentIntent, String chargeId) {
    jdbc.sql("""
            insert into stripe_refunds (payment_intent, charge_id) values (:pi, :charge)
            on conflict (payment_intent) do nothing""").param("pi", paymentIntent).param("charge", chargeId).update();
  }

  boolean refunded(String paymentIntent) {
    return jdbc.sql("select count(*) from stripe_refunds where payment_intent = :pi")
            .param("pi", paymentIntent)
            .query(Long.class)
            .single()
        > 0;
  }

  void recordShortfall(CheckoutSession session, long takenBack) {
    jdbc.sql("""
            insert into payment_refund_shortfalls
                (session_id, user_id, credits, taken_back, shortfall)
            values (:session, :user, :credits, :takenBack, :shortfall)
            on conflict (session_id) do nothing""")
        .param("session", session.id())
        .param("user", session.userId())
        .param("credits", session.credits())
        .param("takenBack", takenBack)
        .param("shortfall", session.credits() - takenBack)
        .update();
  }

  /**
   * The account's available credits ({@code balance - reserved}), its row locked until the
   * transaction ends, so that nothing else holds or spends between this read and a debit.
   */
  long lockAvailable(String userId) {
    return jdbc.sql(
            "select balance - reserved from credit_accounts where user_id = :userId for update")
        .param("userId", userId)
        .query(Long.class)
        .single();
  }
}
