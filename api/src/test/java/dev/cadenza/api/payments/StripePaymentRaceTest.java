package dev.cadenza.api.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadenza.api.account.UserRepository;
import dev.cadenza.api.payments.PaymentsProperties.CreditPackage;
import dev.cadenza.credits.CreditLedger;
import dev.cadenza.credits.LedgerAudit;
import dev.cadenza.testsupport.TestDatabase;
import dev.cadenza.testsupport.TestUsers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * A {@code checkout.session.completed} and the {@code charge.refunded} of the same payment,
 * handled at the same moment by two threads on a real PostgreSQL.
 *
 * <p>Each transaction reads what the other writes: the completion checks {@code stripe_refunds}
 * after crediting, the refund looks for a completed session after recording itself. Under READ
 * COMMITTED, without a lock taken by both before those reads, each can miss the other's
 * uncommitted write and both commit: the purchase stays credited although its money was refunded
 * (write skew). The lock on the payment intent ({@link CheckoutSessions#lockPayment}) serializes
 * them, so every round must end with one purchase, one take-back and a balance of zero.
 *
 * <p>Free-running threads hit that window rarely (it is the few hundred microseconds between a
 * transaction's last read and its commit), so the first test holds both transactions at their
 * commit with a gate in the database: a deferred constraint trigger that waits for an advisory
 * lock the test holds. The second delivery starts once the first is at its commit, both are let
 * through once both wait, in both orders; with the payment lock the second one waits for the first
 * to commit instead, and reads its effect. The second test races them freely, many times, at
 * every offset.
 */
class StripePaymentRaceTest {
  private static final int ROUNDS = 40;
  private static final long CREDITS = 100;
  private static final int GATED_ROUNDS = 5;
  /** The gate's advisory lock key (a pair, so it never meets the service's single-key locks). */
  private static final int GATE = 4242;

  private static DataSource dataSource;
  private static JdbcClient jdbc;
  private static CreditLedger ledger;
  private static CheckoutSessions sessions;
  private static StripePurchases purchases;
  private static ExecutorService threads;

  @BeforeAll
  static void setUp() {
    dataSource = TestDatabase.fresh();
    jdbc = JdbcClient.create(dataSource);
    DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
    ledger = new CreditLedger(jdbc, transactions);
    sessions = new CheckoutSessions(jdbc);
    PaymentsProperties properties = new PaymentsProperties(
        List.of(new CreditPackage("starter", "Starter", CREDITS, 500, "usd")),
        new PaymentsProperties.Stripe(null, null, "https://api.stripe.com", Duration.ofMinutes(5)));
    purchases = new StripePurchases(
        sessions,
        ledger,
        new UserRepository(jdbc),
        properties,
        transactions,
        new SimpleMeterRegistry());
    threads = Executors.newFixedThreadPool(2);
    // The commit gate: every transaction that wrote these tables waits, at its commit, until no
    // one holds the gate's advisory lock exclusively (see commitGate()).
    jdbc.sql("""
            create function commit_gate() returns trigger language plpgsql as $$
            begin
              perform pg_advisory_xact_lock_shared(%d, %d);
              return null;
            end $$""".formatted(GATE, GATE)).update();
    for (String table : List.of("checkout_sessions", "stripe_refunds")) {
      jdbc.sql("create constraint trigger commit_gate after insert or update on " + table
              + " deferrable initially deferred for each row execute function commit_gate()")
          .update();
    }
  }

  @AfterAll
  static void tearDown() {
    threads.shutdownNow();
  }

  @Test
  void eachDeliveryReadsTheOtherEvenWhenBothReachTheirCommitTogether() throws Exception {
    List<String> lost = new ArrayList<>();
    for (int round = 0; round < GATED_ROUNDS; round++) {
      for (boolean completionFirst : List.of(true, false)) {
        Payment payment = newPayment();
        try (Connection gate = dataSource.getConnection()) {
          hold(gate);
          try {
            Future<PurchaseOutcome> first =
                threads.submit(() -> completionFirst ? complete(payment) : refund(payment));
            awaitWaiting(1);
            Future<PurchaseOutcome> second =
                threads.submit(() -> completionFirst ? refund(payment) : complete(payment));
            // The second waits too: at its own commit (no payment lock: it has read already), or
            // for the payment lock that the first holds until its commit.
            awaitWaiting(2);
            release(gate);
            first.get(20, TimeUnit.SECONDS);
            second.get(20, TimeUnit.SECONDS);
          } finally {
            release(gate); // a pooled connection keeps session locks: never leave it held
          }
        }
        String endState = endState(payment);
        if (!endState.equals(expected(payment))) {
          lost.add((completionFirst ? "completion" : "refund") + " first: " + endState);
        }
      }
    }
    assertThat(lost)
        .as("rounds that did not end with the purchase credited once and taken back once")
        .isEmpty();
    assertThat(new LedgerAudit(dataSource).violations()).isEmpty();
  }

  @Test
  void aCompletionAndTheRefundOfItsPaymentRacingEndWithTheCreditsTakenBackEveryTime()
      throws Exception {
    // How long each takes here, so that the offsets cover their whole overlap on any machine.
    long completionNanos = 0;
    long refundNanos = 0;
    for (int i = 0; i < 3; i++) {
      Payment warmUp = newPayment();
      long started = System.nanoTime();
      complete(warmUp);
      completionNanos = System.nanoTime() - started;
      started = System.nanoTime();
      refund(warmUp);
      refundNanos = System.nanoTime() - started;
      assertEndState(warmUp);
    }

    List<String> lost = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      // From the refund starting a whole refund earlier to it starting a whole completion later.
      long span = completionNanos + refundNanos;
      long refundOffset = -refundNanos + span * round / (ROUNDS - 1);
      Payment payment = newPayment();

      race(payment, refundOffset);

      String endState = endState(payment);
      if (!endState.equals(expected(payment))) {
        lost.add("offset " + refundOffset / 1000 + " µs: " + endState);
      }
    }

    assertThat(lost)
        .as("rounds that did not end with the purchase credited once and taken back once")
        .isEmpty();
    assertThat(new LedgerAudit(dataSource).violations()).isEmpty();
  }

  // ---- helpers ----

  private record Payment(String userId, String sessionId, String paymentIntent) {}

  /** A user without credits and an open session, as {@code POST /v1/credits/checkout} leaves. */
  private static Payment newPayment() {
    String userId = TestUsers.insert(jdbc);
    ledger.openAccount(userId);
    String suffix = UUID.randomUUID().toString().replace("-", "");
    String sessionId = "cs_test_" + suffix;
    sessions.insert(new CheckoutSession(
        sessionId, userId, "starter", CREDITS, 500, "usd", null, CheckoutSession.OPEN));
    return new Payment(userId, sessionId, "pi_" + suffix);
  }

  /** Both deliveries, released together; the refund then waits {@code offset} (or the other). */
  private static void race(Payment payment, long refundOffset) throws Exception {
    CyclicBarrier start = new CyclicBarrier(2);
    Future<PurchaseOutcome> completion = threads.submit(() -> {
      start.await();
      pause(-refundOffset);
      return complete(payment);
    });
    Future<PurchaseOutcome> refund = threads.submit(() -> {
      start.await();
      pause(refundOffset);
      return refund(payment);
    });
    completion.get(20, TimeUnit.SECONDS);
    refund.get(20, TimeUnit.SECONDS);
  }

  private static void hold(Connection gate) throws SQLException {
    try (Statement statement = gate.createStatement()) {
      statement.execute("select pg_advisory_lock(%d, %d)".formatted(GATE, GATE));
    }
  }

  private static void release(Connection gate) throws SQLException {
    try (Statement statement = gate.createStatement()) {
      statement.execute("select pg_advisory_unlock(%d, %d)".formatted(GATE, GATE));
    }
  }

  /** Until {@code count} transactions of this database wait for an advisory lock. */
  private static void awaitWaiting(int count) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (waiting() < count) {
      assertThat(System.nanoTime()).as("%d transactions waiting", count).isLessThan(deadline);
      LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
    }
  }

  private static long waiting() {
    return jdbc.sql("""
            select count(*) from pg_locks
             where locktype = 'advisory' and not granted
               and database = (select oid from pg_database where datname = current_database())""").query(Long.class).single();
  }

  private static void pause(long nanos) {
    if (nanos > 0) {
      LockSupport.parkNanos(nanos);
    }
  }

  private static PurchaseOutcome complete(Payment payment) {
    return purchases.completed(
        "evt_" + UUID.randomUUID(),
        "checkout.session.completed",
        new PaidSession(
            payment.sessionId(),
            payment.paymentIntent(),
            payment.userId(),
            Map.of("packageId", "starter"),
            500L,
            "usd"));
  }

  private static PurchaseOutcome refund(Payment payment) {
    return purchases.refunded(
        "evt_" + UUID.randomUUID(),
        "charge.refunded",
        payment.paymentIntent(),
        "ch_" + payment.paymentIntent().substring(3));
  }

  private static void assertEndState(Payment payment) {
    assertThat(endState(payment)).isEqualTo(expected(payment));
  }

  /** One purchase, one take-back of all of it, nothing left, the session refunded. */
  private static String expected(Payment payment) {
    return "purchases=[" + CREDITS + "] takenBack=[-" + CREDITS + "] balance=0 session=refunded";
  }

  private static String endState(Payment payment) {
    List<Long> bought = jdbc.sql("select amount from credit_transactions where user_id = ?"
            + " and type = 'purchase' and reference_id = ?")
        .param(payment.userId())
        .param(payment.sessionId())
        .query(Long.class)
        .list();
    List<Long> takenBack = jdbc.sql("select amount from credit_transactions where user_id = ?"
            + " and type = 'admin_adjust' and reference_id = ?")
        .param(payment.userId())
        .param("refund:" + payment.sessionId())
        .query(Long.class)
        .list();
    String status = sessions.lock(payment.sessionId()).orElseThrow().status();
    return "purchases=" + bought + " takenBack=" + takenBack + " balance="
        + ledger.account(payment.userId()).balance() + " session=" + status;
  }
}
