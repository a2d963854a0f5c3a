package dev.cadenza.credits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Races on a real PostgreSQL: the conditional UPDATEs, not locks in Java, must keep the ledger
 * exact. All tasks wait on one gate so they hit the database together.
 */
class CreditLedgerConcurrencyTest extends LedgerTestBase {

  static ExecutorService pool;

  @BeforeAll
  static void threads() {
    pool = Executors.newFixedThreadPool(50);
  }

  @AfterAll
  static void stopThreads() {
    pool.shutdownNow();
  }

  /** Runs all tasks at once and returns their outcomes (a result or the thrown exception). */
  static List<Object> race(List<Callable<Object>> tasks) throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    List<Future<Object>> futures = new ArrayList<>();
    for (Callable<Object> task : tasks) {
      futures.add(pool.submit(() -> {
        gate.await();
        try {
          return task.call();
        } catch (RuntimeException e) {
          return e;
        }
      }));
    }
    gate.countDown();
    List<Object> outcomes = new ArrayList<>();
    for (Future<Object> future : futures) {
      outcomes.add(future.get(20, TimeUnit.SECONDS));
    }
    return outcomes;
  }

  @Test
  void twentyConcurrentRefundsOfOneGenerationRecordOneAndTellTheOthers() throws Exception {
    String userId = userWith(100);
    String gen = "res_refunded_" + userId;
    ledger.reserve(gen, userId, 10, "song");
    ledger.capture(gen);
    List<Callable<Object>> tasks = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      tasks.add(() -> ledger.refund(userId, 10, gen, "bad result"));
    }

    List<Object> outcomes = race(tasks);

    assertThat(outcomes)
        .filteredOn(o -> o instanceof java.util.Optional<?> r && r.isPresent())
        .hasSize(1);
    assertThat(outcomes)
        .filteredOn(o -> o instanceof java.util.Optional<?> r && r.isEmpty())
        .hasSize(19);
    assertThat(ledger.account(userId)).isEqualTo(new Account(userId, 100, 0, 100, 0));
    assertThat(count(
            "select count(*) from credit_transactions where type = 'refund' and user_id = ?",
            userId))
        .isEqualTo(1);
  }

  @Test
  void fiftyReservesAgainstBalanceForTenExactlyTenSucceed() throws Exception {
    String userId = userWith(100);
    List<Callable<Object>> tasks = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String id = "res_fifty_" + userId + "_" + i;
      tasks.add(() -> ledger.reserve(id, userId, 10, null));
    }

    List<Object> outcomes = race(tasks);

    assertThat(outcomes)
        .filteredOn(ReservationResult.class::isInstance)
        .hasSize(10)
        .allSatisfy(r -> assertThat(((ReservationResult) r).created()).isTrue());
    assertThat(outcomes)
        .filteredOn(InsufficientCreditsException.class::isInstance)
        .hasSize(40);
    Account account = ledger.account(userId);
    assertThat(account.reserved()).isEqualTo(100);
    assertThat(account.available()).isZero();
    assertThat(account.balance()).isEqualTo(100);
    assertThat(count("select count(*) from credit_reservations where user_id = ?", userId))
        .isEqualTo(10);
  }

  @Test
  void sameReservationIdRacedHoldsOnce() throws Exception {
    String userId = userWith(100);
    String id = "res_same_" + userId;
    List<Callable<Object>> tasks = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      tasks.add(() -> ledger.reserve(id, userId, 10, null));
    }

    List<Object> outcomes = race(tasks);

    assertThat(outcomes).allMatch(ReservationResult.class::isInstance);
    assertThat(outcomes).filteredOn(r -> ((ReservationResult) r).created()).hasSize(1);
    assertThat(ledger.account(userId).reserved()).isEqualTo(10);
  }

  @Test
  void captureAndReleaseRacingOnEachHoldExactlyOneWins() throws Exception {
    String userId = userWith(1_000);
    int holds = 10;
    for (int h = 0; h < holds; h++) {
      ledger.reserve("res_race_" + userId + "_" + h, userId, 10, null);
    }
    List<Callable<Object>> tasks = new ArrayList<>();
    for (int h = 0; h < holds; h++) {
      String id = "res_race_" + userId + "_" + h;
      for (int t = 0; t < 2; t++) {
        tasks.add(() -> new Outcome(id, "capture", ledger.capture(id)));
        tasks.add(() -> new Outcome(id, "release", ledger.release(id)));
      }
    }

    List<Object> outcomes = race(tasks);

    assertThat(outcomes).allMatch(Outcome.class::isInstance);
    long captured = 0;
    for (int h = 0; h < holds; h++) {
      String id = "res_race_" + userId + "_" + h;
      List<Outcome> winners = outcomes.stream()
          .map(Outcome.class::cast)
          .filter(o -> o.id().equals(id) && o.won())
          .toList();
      assertThat(winners).as("winners for %s", id).hasSize(1);
      ReservationStatus expected = winners.getFirst().op().equals("capture")
          ? ReservationStatus.CAPTURED
          : ReservationStatus.RELEASED;
      assertThat(ledger.reservation(id).orElseThrow().status()).isEqualTo(expected);
      if (expected == ReservationStatus.CAPTURED) {
        captured++;
      }
    }
    Account account = ledger.account(userId);
    assertThat(account.reserved()).isZero();
    assertThat(account.balance()).isEqualTo(1_000 - 10 * captured);
    assertThat(account.lifetimeSpent()).isEqualTo(10 * captured);
    assertThat(count(
            "select count(*) from credit_transactions where user_id = ? and type = 'spend'",
            userId))
        .isEqualTo(captured);
  }

  @Test
  void concurrentCreditsWithSameReferenceCountOnce() throws Exception {
    String userId = userWith(0);
    List<Callable<Object>> tasks = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      tasks.add(
          () -> ledger.credit(userId, TransactionType.PURCHASE, 50, "pay_race_" + userId, null));
      tasks.add(() -> ledger.credit(userId, TransactionType.BONUS, 1, null, null));
    }

    List<Object> outcomes = race(tasks);

    assertThat(outcomes).allMatch(Account.class::isInstance);
    assertThat(ledger.account(userId).balance()).isEqualTo(50 + 20);
  }

  @Test
  void mixedTrafficKeepsInvariants() throws Exception {
    String userId = userWith(200);
    List<Callable<Object>> tasks = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String id = "res_mixed_" + userId + "_" + i;
      int kind = i % 4;
      tasks.add(() -> {
        try {
          ledger.reserve(id, userId, 15, null);
        } catch (InsufficientCreditsException refused) {
          return refused;
        }
        return kind == 0 ? ledger.release(id) : ledger.capture(id);
      });
      if (kind == 1) {
        tasks.add(() -> ledger.credit(userId, TransactionType.ADMIN_ADJUST, -5, null, null));
      }
    }

    race(tasks);

    // The per-test audit checks the sums; here only that nothing is left held.
    assertThat(ledger.account(userId).reserved()).isZero();
    assertThat(ledger.account(userId).available()).isGreaterThanOrEqualTo(0);
  }

  record Outcome(String id, String op, boolean won) {}
}
