package dev.cadenza.credits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.cadenza.testsupport.TestUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.support.TransactionTemplate;

class CreditLedgerTest extends LedgerTestBase {

  static String newId() {
    return "res_" + UUID.randomUUID();
  }

  @Nested
  class Accounts {

    @Test
    void openAccountStartsAtZeroAndIsIdempotent() {
      String userId = TestUsers.insert(jdbc);
      ledger.openAccount(userId);
      ledger.credit(userId, TransactionType.BONUS, 5, null, null);
      ledger.openAccount(userId);

      assertThat(ledger.account(userId)).isEqualTo(new Account(userId, 5, 0, 5, 0));
    }

    @Test
    void unknownUserOrAccount() {
      assertThatThrownBy(() -> ledger.openAccount("usr_nobody"))
          .isInstanceOf(AccountNotFoundException.class);
      String noAccount = TestUsers.insert(jdbc);
      assertThatThrownBy(() -> ledger.account(noAccount))
          .isInstanceOf(AccountNotFoundException.class);
      assertThatThrownBy(() -> ledger.credit(noAccount, TransactionType.BONUS, 1, null, null))
          .isInstanceOf(AccountNotFoundException.class);
      assertThatThrownBy(() -> ledger.credit(noAccount, TransactionType.PURCHASE, 1, "pay_x", null))
          .isInstanceOf(AccountNotFoundException.class);
      assertThatThrownBy(() -> ledger.reserve(newId(), noAccount, 1, null))
          .isInstanceOf(AccountNotFoundException.class);
    }
  }

  @Nested
  class Credits {

    @Test
    void bonusPurchaseAndAdjustmentsMoveBalanceAndCounters() {
      String userId = userWith(0);

      ledger.credit(userId, TransactionType.BONUS, 100, null, "welcome");
      ledger.credit(userId, TransactionType.PURCHASE, 50, "pay_" + userId, "pack");
      ledger.credit(userId, TransactionType.ADMIN_ADJUST, 7, null, "goodwill");
      Account account =
          ledger.credit(userId, TransactionType.ADMIN_ADJUST, -17, null, "correction");

      assertThat(account).isEqualTo(new Account(userId, 140, 0, 140, 0));
      assertThat(account.available()).isEqualTo(140);
      assertThat(ledger.transactions(userId, 10, null).data())
          .extracting(Transaction::type, Transaction::amount, Transaction::balanceAfter)
          .containsExactly(
              tuple(TransactionType.ADMIN_ADJUST, -17L, 140L),
              tuple(TransactionType.ADMIN_ADJUST, 7L, 157L),
              tuple(TransactionType.PURCHASE, 50L, 150L),
              tuple(TransactionType.BONUS, 100L, 100L));
    }

    @Test
    void negativeAdjustmentBelowReservedIsRefusedAndChangesNothing() {
      String userId = userWith(100);
      ledger.reserve(newId(), userId, 70, null);
      Account before = ledger.account(userId);

      assertThatThrownBy(() -> ledger.credit(userId, TransactionType.ADMIN_ADJUST, -31, null, null))
          .isInstanceOfSatisfying(InsufficientCreditsException.class, e -> {
            assertThat(e.available()).isEqualTo(30);
            assertThat(e.requested()).isEqualTo(31);
          });
      assertThatThrownBy(
              () -> ledger.credit(userId, TransactionType.ADMIN_ADJUST, -101, null, null))
          .isInstanceOf(InsufficientCreditsException.class);

      assertThat(ledger.account(userId)).isEqualTo(before);
      assertThat(ledger.transactions(userId, 10, null).data()).hasSize(1);

      // Exactly down to the reserved amount is allowed.
      assertThat(ledger
              .credit(userId, TransactionType.ADMIN_ADJUST, -30, null, null)
              .available())
          .isZero();
    }

    @Test
    void idempotentByTypeAndReference() {
      String userId = userWith(0);

      Account first =
          ledger.credit(userId, TransactionType.PURCHASE, 25, "pay_1_" + userId, "pack");
      Account again =
          ledger.credit(userId, TransactionType.PURCHASE, 25, "pay_1_" + userId, "pack");
      // The same reference under another type is another entry.
      Account bonus = ledger.credit(userId, TransactionType.BONUS, 25, "pay_1_" + userId, "promo");

      assertThat(first.balance()).isEqualTo(25);
      assertThat(again).isEqualTo(first);
      assertThat(bonus.balance()).isEqualTo(50);
      assertThat(count("select count(*) from credit_transactions where user_id = ?", userId))
          .isEqualTo(2);
    }

    @Test
    void reusedReferenceWithOtherUserOrAmountIsRefused() {
      String userId = userWith(0);
      String other = userWith(0);
      ledger.credit(userId, TransactionType.PURCHASE, 25, "pay_2_" + userId, null);

      assertThatThrownBy(
              () -> ledger.credit(userId, TransactionType.PURCHASE, 26, "pay_2_" + userId, null))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(
              () -> ledger.credit(other, TransactionType.PURCHASE, 25, "pay_2_" + userId, null))
          .isInstanceOf(IllegalStateException.class);
      assertThat(ledger.account(userId).balance()).isEqualTo(25);
      assertThat(ledger.account(other).balance()).isZero();
    }

    @Test
    void invalidCreditsAreRejected() {
      String userId = userWith(10);

      assertThatThrownBy(() -> ledger.credit(userId, TransactionType.BONUS, 0, null, null))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> ledger.credit(userId, TransactionType.PURCHASE, -1, null, null))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> ledger.credit(userId, TransactionType.BONUS, -1, null, null))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> ledger.credit(userId, TransactionType.SPEND, -1, "x", null))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> ledger.credit(userId, TransactionType.REFUND, 1, null, null))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> ledger.credit(userId, TransactionType.REFUND, -1, "x", null))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(ledger.account(userId).balance()).isEqualTo(10);
    }

    @Test
    void refundGivesBackSpentCreditsAndLowersLifetimeSpent() {
      String userId = userWith(100);
      String gen = newId();
      ledger.reserve(gen, userId, 40, "song");
      ledger.capture(gen);

      Account refunded = ledger.credit(userId, TransactionType.REFUND, 40, gen, "bad result");
      Account again = ledger.credit(userId, TransactionType.REFUND, 40, gen, "bad result");

      assertThat(refunded).isEqualTo(new Account(userId, 100, 0, 100, 0));
      assertThat(again).isEqualTo(refunded);
      // More than was ever spent cannot be refunded.
      assertThatThrownBy(() -> ledger.credit(userId, TransactionType.REFUND, 1, "other", null))
          .isInstanceOf(RefundExceedsSpendingException.class);
      assertThat(ledger.account(userId)).isEqualTo(refunded);
    }

    @Test
    void refundRecordsOneEntryPerReferenceAndSaysWhenItRecordedNothing() {
      String userId = userWith(100);
      String gen = newId();
      ledger.reserve(gen, userId, 30, "song");
      ledger.capture(gen);

      Transaction refund =
          ledger.refund(userId, 20, gen, "the vocals were cut off").orElseThrow();

      assertThat(refund.type()).isEqualTo(TransactionType.REFUND);
      assertThat(refund.amount()).isEqualTo(20);
      assertThat(refund.balanceAfter()).isEqualTo(90);
      assertThat(refund.referenceId()).isEqualTo(gen);
      assertThat(refund.description()).isEqualTo("the vocals were cut off");
      assertThat(ledger.transaction(TransactionType.REFUND, gen)).contains(refund);
      // Again, with the same or another amount: nothing more, and the caller is told so.
      assertThat(ledger.refund(userId, 20, gen, "again")).isEmpty();
      assertThat(ledger.refund(userId, 5, gen, "again")).isEmpty();
      assertThat(ledger.account(userId)).isEqualTo(new Account(userId, 90, 0, 100, 10));
      assertThat(ledger.transaction(TransactionType.REFUND, "nothing")).isEmpty();
    }

    @Test
    void aRefundNeverGivesBackMoreThanWasSpent() {
      String userId = userWith(100);
      String gen = newId();
      ledger.reserve(gen, userId, 10, "song");
      ledger.capture(gen);
      ledger.refund(userId, 6, "first", "partial");

      assertThatThrownBy(() -> ledger.refund(userId, 5, "second", "too much"))
          .isInstanceOfSatisfying(RefundExceedsSpendingException.class, e -> {
            assertThat(e.requested()).isEqualTo(5);
            assertThat(e.spent()).isEqualTo(4);
          });
      assertThat(ledger.transaction(TransactionType.REFUND, "second")).isEmpty();
      assertThat(ledger.account(userId)).isEqualTo(new Account(userId, 96, 0, 100, 4));
      assertThatThrownBy(() -> ledger.refund(userId, 0, "zero", null))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> ledger.refund(userId, 1, " ", null))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class Reservations {

    @Test
    void reserveHoldsWithoutChangingBalance() {
      String userId = userWith(100);
      String id = newId();

      ReservationResult result = ledger.reserve(id, userId, 30, "song");

      assertThat(result).isEqualTo(new ReservationResult(id, ReservationStatus.HELD, 30, true));
      assertThat(ledger.account(userId)).isEqualTo(new Account(userId, 100, 30, 100, 0));
      assertThat(ledger.account(userId).available()).isEqualTo(70);
      assertThat(ledger.reservation(id)).hasValueSatisfying(r -> {
        assertThat(r.userId()).isEqualTo(userId);
        assertThat(r.status()).isEqualTo(ReservationStatus.HELD);
        assertThat(r.description()).isEqualTo("song");
        assertThat(r.createdAt()).isNotNull();
        assertThat(r.closedAt()).isNull();
      });
      assertThat(ledger.heldReservations()).extracting(Reservation::id).contains(id);
      // A hold is not a transaction.
      assertThat(ledger.transactions(userId, 10, null).data()).hasSize(1);
    }

    @Test
    void reserveIsIdempotentById() {
      String userId = userWith(100);
      String id = newId();

      ledger.reserve(id, userId, 30, null);
      ReservationResult again = ledger.reserve(id, userId, 30, null);

      assertThat(again).isEqualTo(new ReservationResult(id, ReservationStatus.HELD, 30, false));
      assertThat(ledger.account(userId).reserved()).isEqualTo(30);

      ledger.capture(id);
      assertThat(ledger.reserve(id, userId, 30, null))
          .isEqualTo(new ReservationResult(id, ReservationStatus.CAPTURED, 30, false));
      assertThat(ledger.account(userId)).isEqualTo(new Account(userId, 70, 0, 100, 30));
    }

    @Test
    void reserveWithSameIdForOtherUserOrAmountIsRefused() {
      String userId = userWith(100);
      String other = userWith(100);
      String id = newId();
      ledger.reserve(id, userId, 30, null);

      assertThatThrownBy(() -> ledger.reserve(id, userId, 31, null))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> ledger.reserve(id, other, 30, null))
          .isInstanceOf(IllegalStateException.class);
      assertThat(ledger.account(other).reserved()).isZero();
      assertThat(ledger.account(userId).reserved()).isEqualTo(30);
    }

    @Test
    void unaffordableReserveChangesNothing() {
      String userId = userWith(100);
      ledger.reserve(newId(), userId, 60, null);
      Account before = ledger.account(userId);
      String id = newId();

      assertThatThrownBy(() -> ledger.reserve(id, userId, 41, null))
          .isInstanceOfSatisfying(InsufficientCreditsException.class, e -> {
            assertThat(e.userId()).isEqualTo(userId);
            assertThat(e.available()).isEqualTo(40);
            assertThat(e.requested()).isEqualTo(41);
          });

      assertThat(ledger.account(userId)).isEqualTo(before);
      assertThat(ledger.reservation(id)).isEmpty();
      // The id is still free: once affordable, the same id reserves.
      assertThat(ledger.reserve(id, userId, 40, null).created()).isTrue();
    }

    @Test
    void invalidReservationsAreRejected() {
      String userId = userWith(100);
      assertThatThrownBy(() -> ledger.reserve(newId(), userId, 0, null))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> ledger.reserve(newId(), userId, -5, null))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> ledger.reserve(" ", userId, 5, null))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(ledger.account(userId).reserved()).isZero();
    }

    @Test
    void captureSpendsOnceWithNegativeSpendEntry() {
      String userId = userWith(100);
      String id = newId();
      ledger.reserve(id, userId, 30, "song");

      assertThat(ledger.capture(id)).isTrue();
      assertThat(ledger.capture(id)).isFalse();

      assertThat(ledger.account(userId)).isEqualTo(new Account(userId, 70, 0, 100, 30));
      Transaction spend = ledger.transactions(userId, 1, null).data().getFirst();
      assertThat(spend.type()).isEqualTo(TransactionType.SPEND);
      assertThat(spend.amount()).isEqualTo(-30);
      assertThat(spend.balanceAfter()).isEqualTo(70);
      assertThat(spend.referenceId()).isEqualTo(id);
      assertThat(spend.description()).isEqualTo("song");
      assertThat(count(
              "select count(*) from credit_transactions where type = 'spend' and reference_id = ?",
              id))
          .isEqualTo(1);
      assertThat(ledger.reservation(id)).hasValueSatisfying(r -> {
        assertThat(r.status()).isEqualTo(ReservationStatus.CAPTURED);
        assertThat(r.closedAt()).isNotNull();
      });
      assertThat(ledger.heldReservations()).extracting(Reservation::id).doesNotContain(id);
      // A captured hold cannot be released.
      assertThat(ledger.release(id)).isFalse();
      assertThat(ledger.account(userId).balance()).isEqualTo(70);
    }

    @Test
    void releaseEndsHoldOnceWithoutTransaction() {
      String userId = userWith(100);
      String id = newId();
      ledger.reserve(id, userId, 30, null);

      assertThat(ledger.release(id)).isTrue();
      assertThat(ledger.release(id)).isFalse();
      assertThat(ledger.capture(id)).isFalse();

      assertThat(ledger.account(userId)).isEqualTo(new Account(userId, 100, 0, 100, 0));
      assertThat(ledger.transactions(userId, 10, null).data()).hasSize(1);
      assertThat(ledger.reservation(id).orElseThrow().status())
          .isEqualTo(ReservationStatus.RELEASED);
    }

    @Test
    void unknownReservation() {
      assertThat(ledger.release("res_never")).isFalse();
      assertThatThrownBy(() -> ledger.capture("res_never"))
          .isInstanceOf(ReservationNotFoundException.class);
      assertThat(ledger.reservation("res_never")).isEmpty();
    }
  }

  @Nested
  class CallerTransactions {

    @Test
    void reserveJoinsCallersTransactionAndRollsBackWithIt() {
      String userId = userWith(100);
      String id = newId();
      TransactionTemplate outer = new TransactionTemplate(transactionManager);

      outer.executeWithoutResult(status -> {
        ledger.reserve(id, userId, 30, null);
        status.setRollbackOnly();
      });

      assertThat(ledger.reservation(id)).isEmpty();
      assertThat(ledger.account(userId).reserved()).isZero();
    }

    @Test
    void insufficientCreditsInCallersTransactionLeavesNothing() {
      String userId = userWith(10);
      String other = userWith(0);
      TransactionTemplate outer = new TransactionTemplate(transactionManager);

      assertThatThrownBy(() -> outer.executeWithoutResult(status -> {
            ledger.credit(other, TransactionType.BONUS, 5, null, null);
            try {
              ledger.reserve(newId(), userId, 11, null);
            } catch (InsufficientCreditsException expected) {
              // The caller's work is rolled back with it: committing is refused.
            }
          }))
          .isInstanceOf(UnexpectedRollbackException.class);

      assertThat(ledger.account(other).balance()).isZero();
    }
  }

  @Nested
  class Paging {

    @Test
    void transactionsNewestFirstWithCursor() {
      String userId = userWith(0);
      for (int i = 1; i <= 7; i++) {
        ledger.credit(userId, TransactionType.BONUS, i, null, "bonus " + i);
      }

      List<Transaction> seen = new ArrayList<>();
      Long cursor = null;
      int pages = 0;
      do {
        TransactionPage page = ledger.transactions(userId, 3, cursor);
        seen.addAll(page.data());
        cursor = page.nextBeforeId();
        pages++;
      } while (cursor != null);

      assertThat(pages).isEqualTo(3);
      assertThat(seen).extracting(Transaction::amount).containsExactly(7L, 6L, 5L, 4L, 3L, 2L, 1L);
      assertThat(seen)
          .extracting(Transaction::balanceAfter)
          .containsExactly(28L, 21L, 15L, 10L, 6L, 3L, 1L);
      assertThat(seen)
          .extracting(Transaction::id)
          .isSortedAccordingTo((a, b) -> Long.compare(b, a));
      assertThat(seen).allSatisfy(t -> assertThat(t.createdAt()).isNotNull());
    }

    @Test
    void exactPageHasNoNextCursorAndOthersAreInvisible() {
      String userId = userWith(0);
      userWith(50);
      ledger.credit(userId, TransactionType.BONUS, 1, null, null);
      ledger.credit(userId, TransactionType.BONUS, 2, null, null);

      TransactionPage page = ledger.transactions(userId, 2, null);
      assertThat(page.data()).hasSize(2);
      assertThat(page.nextBeforeId()).isNull();
      assertThat(ledger.transactions("usr_nobody", 5, null).data()).isEmpty();
      assertThatThrownBy(() -> ledger.transactions(userId, 0, null))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void typeSpellings() {
    assertThat(TransactionType.ADMIN_ADJUST.dbValue()).isEqualTo("admin_adjust");
    for (TransactionType type : TransactionType.values()) {
      assertThat(TransactionType.fromDb(type.dbValue())).isEqualTo(type);
    }
    for (ReservationStatus status : ReservationStatus.values()) {
      assertThat(ReservationStatus.fromDb(status.dbValue())).isEqualTo(status);
    }
    assertThatThrownBy(() -> TransactionType.fromDb("gift"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
