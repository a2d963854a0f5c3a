package dev.cadenza.credits;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The credits ledger: the source of truth for money (see ARCHITECTURE.md, "The ledger").
 *
 * <p>Model. One {@code credit_accounts} row per user with {@code balance} (credits owned),
 * {@code reserved} (credits held by open reservations) and lifetime counters; an append-only
 * {@code credit_transactions} table of balance-changing entries; {@code credit_reservations}
 * for holds. Invariants, checked by {@link LedgerAudit}:
 * <ul>
 *   <li>{@code balance} equals the sum of the account's transaction amounts, and each
 *       {@code balance_after} is that running sum;</li>
 *   <li>{@code reserved} equals the sum of the account's {@code held} reservations;</li>
 *   <li>{@code available = balance - reserved} is never negative;</li>
 *   <li>{@code balance = lifetimeEarned - lifetimeSpent};</li>
 *   <li>every reservation ends captured (with exactly one spend) or released, once.</li>
 * </ul>
 *
 * <p>Sign conventions. A transaction's {@code amount} is the signed change of the balance:
 * {@code purchase}, {@code bonus} and {@code refund} are positive, {@code spend} is negative,
 * {@code admin_adjust} is either. {@code balance_after} is the balance after the entry.
 * Reservation amounts are positive. {@code lifetimeEarned} grows with purchases, bonuses and
 * positive adjustments and shrinks with negative adjustments (a correction of an earlier grant);
 * {@code lifetimeSpent} grows with spends and shrinks with refunds (a refund undoes a spend).
 * That keeps {@code balance = lifetimeEarned - lifetimeSpent} and both counters non-negative.
 *
 * <p>Concurrency. Every change is an atomic conditional {@code UPDATE} whose row count decides
 * the outcome (for example {@code ... where balance - reserved >= :amount}), so concurrent
 * callers never lose updates or overdraw, at READ COMMITTED, without retries. Lock order is
 * always reservation row, then account row, so ledger operations do not deadlock each other.
 *
 * <p>Transactions. Each operation runs with PROPAGATION_REQUIRED: on its own it commits by
 * itself; inside a caller's transaction it joins it (for example, inserting a generation row and
 * reserving its cost atomically). An exception thrown by an operation rolls back what it did; in
 * a joined transaction it marks the whole transaction rollback-only.
 */
@Service
public class CreditLedger {

  private static final Logger log = LoggerFactory.getLogger(CreditLedger.class);

  private static final String ACCOUNT_COLUMNS =
      "user_id, balance, reserved, lifetime_earned, lifetime_spent";
  private static final String RESERVATION_COLUMNS =
      "id, user_id, amount, status, description, created_at, closed_at";

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final LedgerMetrics metrics;

  /** A ledger whose metrics go nowhere (tools and tests). */
  public CreditLedger(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this(jdbc, transactionManager, new SimpleMeterRegistry());
  }

  /**
   * @param jdbc               client on the ledger's database
   * @param transactionManager the transaction manager of that same data source, so operations
   *                           join the caller's transaction
   * @param meters             where the credits moved are counted (see {@link LedgerMetrics})
   */
  @Autowired
  public CreditLedger(
      JdbcClient jdbc, PlatformTransactionManager transactionManager, MeterRegistry meters) {
    this.metrics = new LedgerMetrics(meters);
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    this.transactions =
        new TransactionTemplate(Objects.requireNonNull(transactionManager, "transactionManager"));
    this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
  }

  /**
   * Creates the user's account with everything at zero. Idempotent: an existing account is
   * left unchanged.
   *
   * @throws AccountNotFoundException if there is no such user
   */
  public void openAccount(String userId) {
    requireId(userId, "userId");
    inTransaction(() -> {
      // Selecting from users turns "no such user" into zero rows instead of an FK error.
      int inserted = jdbc.sql("""
                            insert into credit_accounts (user_id)
                            select id from users where id = :userId
                            on conflict (user_id) do nothing""").param("userId", userId).update();
      if (inserted == 0 && findAccount(userId).isEmpty()) {
        throw new AccountNotFoundException(userId);
      }
      return null;
    });
  }

  /**
   * The account as of now.
   *
   * @throws AccountNotFoundException if the user has no account
   */
  public Account account(String userId) {
    requireId(userId, "userId");
    return findAccount(userId).orElseThrow(() -> new AccountNotFoundException(userId));
  }

  /**
   * Adds (or, for a negative {@code ADMIN_ADJUST}, removes) credits and records one transaction.
   *
   * <p>Allowed types: {@code PURCHASE}, {@code BONUS}, {@code REFUND} (positive, with a
   * reference id, for giving back credits already spent) and {@code ADMIN_ADJUST} (either
   * sign). {@code SPEND} is written only by {@link #capture}.
   *
   * <p>Idempotent when {@code referenceId} is non-null: a repeated (type, referenceId) returns
   * the current account and records nothing.
   *
   * @param amount      signed change of the balance; non-zero, negative only for ADMIN_ADJUST
   * @param referenceId idempotency key, unique per type (for example a payment id); may be null
   *                    except for REFUND
   * @return the account after the change
   * @throws IllegalArgumentException      for a disallowed type, sign or missing reference
   * @throws AccountNotFoundException      if the user has no account
   * @throws InsufficientCreditsException  if a negative adjustment would take the balance below
   *                                       what is reserved (available below zero); nothing changes
   * @throws IllegalStateException         if the reference id was already used for another user or
   *                                       amount
   * @throws RefundExceedsSpendingException if a refund exceeds what the account has spent
   */
  public Account credit(
      String userId, TransactionType type, long amount, String referenceId, String description) {
    requireId(userId, "userId");
    Objects.requireNonNull(type, "type");
    validateCredit(type, amount, referenceId);
    return inTransaction(() -> {
      if (referenceId != null) {
        // Lock the account first so that a concurrent repeat of this credit waits and then
        // sees our entry (READ COMMITTED takes a fresh snapshot per statement).
        lockAccount(userId);
        Optional<ExistingEntry> existing = jdbc.sql("""
                                select user_id, amount from credit_transactions
                                 where type = :type and reference_id = :referenceId""")
            .param("type", type.dbValue())
            .param("referenceId", referenceId)
            .query((rs, n) -> new ExistingEntry(rs.getString("user_id"), rs.getLong("amount")))
            .optional();
        if (existing.isPresent()) {
          ExistingEntry entry = existing.get();
          if (!entry.userId().equals(userId) || entry.amount() != amount) {
            throw new IllegalStateException(
                "%s reference %s was already used for user %s, amount %d"
                    .formatted(type.dbValue(), referenceId, entry.userId(), entry.amount()));
          }
          return account(userId);
        }
      }
      boolean refund = type == TransactionType.REFUND;
      Optional<Account> updated = jdbc.sql("""
                            update credit_accounts
                               set balance = balance + :amount,
                                   lifetime_earned = lifetime_earned + :earned,
                                   lifetime_spent = lifetime_spent - :refunded,
                                   updated_at = now()
                             where user_id = :userId
                               and balance + :amount >= reserved
                               and lifetime_spent >= :refunded
                            returning %s""".formatted(ACCOUNT_COLUMNS))
          .param("userId", userId)
          .param("amount", amount)
          .param("earned", refund ? 0L : amount)
          .param("refunded", refund ? amount : 0L)
          .query(CreditLedger::mapAccount)
          .optional();
      if (updated.isEmpty()) {
        Account current = account(userId);
        if (refund) {
          throw new RefundExceedsSpendingException(userId, amount, current.lifetimeSpent());
        }
        throw new InsufficientCreditsException(userId, current.available(), -amount);
      }
      Account account = updated.get();
      insertTransaction(userId, type, amount, account.balance(), referenceId, description);
      if (refund) {
        metrics.refunded(amount);
      }
      return account;
    });
  }

  /**
   * Gives back {@code amount} credits already spent as one {@code refund} transaction, at most
   * once per reference: when a refund with {@code referenceId} exists (for whatever user or
   * amount), nothing is recorded. Unlike a repeated {@link #credit}, the caller learns which
   * happened, so two operators refunding the same thing at once cannot both believe they did.
   *
   * @param referenceId what is refunded (for example a generation id); unique among refunds
   * @return the new entry; empty when a refund with this reference already exists
   * @throws IllegalArgumentException       for a non-positive amount or a blank id
   * @throws AccountNotFoundException       if the user has no account
   * @throws RefundExceedsSpendingException if the account has spent less than {@code amount}
   *                                        (net of earlier refunds); nothing changes
   */
  public Optional<Transaction> refund(
      String userId, long amount, String referenceId, String description) {
    requireId(userId, "userId");
    requireId(referenceId, "referenceId");
    if (amount <= 0) {
      throw new IllegalArgumentException("refund amount must be positive: " + amount);
    }
    return inTransaction(() -> {
      // The account lock orders concurrent refunds: the second one finds the first's entry.
      lockAccount(userId);
      if (transaction(TransactionType.REFUND, referenceId).isPresent()) {
        return Optional.empty();
      }
      credit(userId, TransactionType.REFUND, amount, referenceId, description);
      return transaction(TransactionType.REFUND, referenceId);
    });
  }

  /** The entry of this type with this reference id, if any ({@code reference_id} is unique per type). */
  public Optional<Transaction> transaction(TransactionType type, String referenceId) {
    Objects.requireNonNull(type, "type");
    requireId(referenceId, "referenceId");
    return jdbc.sql("""
                        select id, type, amount, balance_after, reference_id, description, created_at
                          from credit_transactions
                         where type = :type and reference_id = :referenceId""")
        .param("type", type.dbValue())
        .param("referenceId", referenceId)
        .query(CreditLedger::mapTransaction)
        .optional();
  }

  /**
   * Holds {@code amount} credits: {@code reserved} grows, {@code balance} does not change.
   *
   * <p>Idempotent by reservation id: repeating the call returns the existing reservation
   * (whatever its status now) with {@code created == false} and holds nothing more.
   *
   * @param reservationId caller-chosen id (for example the generation id)
   * @param amount        positive
   * @throws InsufficientCreditsException if {@code available < amount}; nothing persists
   * @throws AccountNotFoundException     if the user has no account
   * @throws IllegalStateException        if the id exists for another user or amount
   * @throws IllegalArgumentException     for a non-positive amount or blank id
   */
  public ReservationResult reserve(
      String reservationId, String userId, long amount, String description) {
    requireId(reservationId, "reservationId");
    requireId(userId, "userId");
    if (amount <= 0) {
      throw new IllegalArgumentException("reservation amount must be positive: " + amount);
    }
    return inTransaction(() -> {
      // Claim the id first: a concurrent call with the same id waits here on the primary key
      // and then finds the row, so the account is never held twice. Selecting from
      // credit_accounts turns "no account" into zero rows instead of an FK error.
      int inserted = jdbc.sql("""
                            insert into credit_reservations (id, user_id, amount, status, description)
                            select :id, user_id, :amount, 'held', cast(:description as text)
                              from credit_accounts where user_id = :userId
                            on conflict (id) do nothing""")
          .param("id", reservationId)
          .param("userId", userId)
          .param("amount", amount)
          .param("description", description)
          .update();
      if (inserted == 0) {
        Reservation existing =
            reservation(reservationId).orElseThrow(() -> new AccountNotFoundException(userId));
        if (!existing.userId().equals(userId) || existing.amount() != amount) {
          throw new IllegalStateException(
              "reservation %s exists for user %s, amount %d; requested user %s, amount %d"
                  .formatted(reservationId, existing.userId(), existing.amount(), userId, amount));
        }
        return new ReservationResult(reservationId, existing.status(), existing.amount(), false);
      }
      // The row count decides: no read-modify-write, so concurrent holds cannot overdraw.
      int held = jdbc.sql("""
                            update credit_accounts
                               set reserved = reserved + :amount, updated_at = now()
                             where user_id = :userId and balance - reserved >= :amount""").param("userId", userId).param("amount", amount).update();
      if (held == 0) {
        // Throwing rolls back the reservation row inserted above.
        throw new InsufficientCreditsException(userId, account(userId).available(), amount);
      }
      metrics.reserved(amount);
      return new ReservationResult(reservationId, ReservationStatus.HELD, amount, true);
    });
  }

  /**
   * Turns a hold into one {@code spend} transaction: {@code balance} and {@code reserved} drop
   * by the amount, {@code lifetimeSpent} grows. The spend's amount is negative and its
   * reference id is the reservation id.
   *
   * @return true only for the call that captured; false if already captured, or released
   *         (logged as a warning: a released hold must not be spent)
   * @throws ReservationNotFoundException for an unknown id
   */
  public boolean capture(String reservationId) {
    requireId(reservationId, "reservationId");
    return inTransaction(() -> {
      // Only one of any number of concurrent capture/release calls matches status = 'held'.
      Optional<Closed> closed = close(reservationId, ReservationStatus.CAPTURED);
      if (closed.isEmpty()) {
        Reservation existing = reservation(reservationId)
            .orElseThrow(() -> new ReservationNotFoundException(reservationId));
        if (existing.status() == ReservationStatus.RELEASED) {
          log.warn(
              "capture of released reservation {} (user {}, {} credits) ignored",
              reservationId,
              existing.userId(),
              existing.amount());
        }
        return false;
      }
      Closed hold = closed.get();
      // Cannot fail: balance >= reserved >= this hold's amount.
      long balance = jdbc.sql("""
                            update credit_accounts
                               set balance = balance - :amount,
                                   reserved = reserved - :amount,
                                   lifetime_spent = lifetime_spent + :amount,
                                   updated_at = now()
                             where user_id = :userId
                            returning balance""")
          .param("userId", hold.userId())
          .param("amount", hold.amount())
          .query(Long.class)
          .single();
      insertTransaction(
          hold.userId(),
          TransactionType.SPEND,
          -hold.amount(),
          balance,
          reservationId,
          hold.description());
      metrics.captured(hold.amount());
      return true;
    });
  }

  /**
   * Ends a hold without spending: {@code reserved} drops by the amount. Records no transaction,
   * since a hold never changed the balance.
   *
   * @return true only for the call that released; false if already captured or released, or if
   *         the id is unknown (releasing what was never reserved, such as compensation after a
   *         failed reserve, is a no-op)
   */
  public boolean release(String reservationId) {
    requireId(reservationId, "reservationId");
    return inTransaction(() -> {
      Optional<Closed> closed = close(reservationId, ReservationStatus.RELEASED);
      if (closed.isEmpty()) {
        log.debug("release of reservation {} ignored: unknown or already closed", reservationId);
        return false;
      }
      Closed hold = closed.get();
      jdbc.sql("""
                            update credit_accounts
                               set reserved = reserved - :amount, updated_at = now()
                             where user_id = :userId""")
          .param("userId", hold.userId())
          .param("amount", hold.amount())
          .update();
      metrics.released(hold.amount());
      return true;
    });
  }

  /** The reservation with this id, in any status. */
  public Optional<Reservation> reservation(String reservationId) {
    requireId(reservationId, "reservationId");
    return jdbc.sql("select " + RESERVATION_COLUMNS + " from credit_reservations where id = :id")
        .param("id", reservationId)
        .query(CreditLedger::mapReservation)
        .optional();
  }

  /** All open holds, oldest first; for reconciling holds whose workflow is gone. */
  public List<Reservation> heldReservations() {
    return jdbc.sql("select " + RESERVATION_COLUMNS
            + " from credit_reservations where status = 'held' order by created_at, id")
        .query(CreditLedger::mapReservation)
        .list();
  }

  /**
   * The user's transactions, newest first (id descending). Holds are not transactions and do
   * not appear. An unknown user has an empty history.
   *
   * @param limit    page size, at least 1 (callers bound the maximum)
   * @param beforeId only entries with a smaller id; null for the first page
   */
  public TransactionPage transactions(String userId, int limit, Long beforeId) {
    requireId(userId, "userId");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    // One extra row tells whether there is a next page.
    List<Transaction> rows = jdbc.sql("""
                        select id, type, amount, balance_after, reference_id, description, created_at
                          from credit_transactions
                         where user_id = :userId and id < :beforeId
                         order by id desc
                         limit :limit""")
        .param("userId", userId)
        .param("beforeId", beforeId == null ? Long.MAX_VALUE : beforeId)
        .param("limit", limit + 1)
        .query(CreditLedger::mapTransaction)
        .list();
    if (rows.size() <= limit) {
      return new TransactionPage(rows, null);
    }
    List<Transaction> page = rows.subList(0, limit);
    return new TransactionPage(page, page.getLast().id());
  }

  // ---- internals ----

  private record ExistingEntry(String userId, long amount) {}

  private record Closed(String userId, long amount, String description) {}

  private static void validateCredit(TransactionType type, long amount, String referenceId) {
    if (type == TransactionType.SPEND) {
      throw new IllegalArgumentException("spend entries are written by capture, not credit");
    }
    if (amount == 0) {
      throw new IllegalArgumentException("amount must not be zero");
    }
    if (amount < 0 && type != TransactionType.ADMIN_ADJUST) {
      throw new IllegalArgumentException(
          "only admin_adjust may be negative, got " + type.dbValue() + " " + amount);
    }
    if (amount == Long.MIN_VALUE) {
      throw new IllegalArgumentException("amount out of range");
    }
    if (type == TransactionType.REFUND && (referenceId == null || referenceId.isBlank())) {
      throw new IllegalArgumentException("a refund needs the reference id of what it refunds");
    }
  }

  private Optional<Closed> close(String reservationId, ReservationStatus to) {
    return jdbc.sql("""
                        update credit_reservations
                           set status = :to, closed_at = now()
                         where id = :id and status = 'held'
                        returning user_id, amount, description""")
        .param("id", reservationId)
        .param("to", to.dbValue())
        .query((rs, n) ->
            new Closed(rs.getString("user_id"), rs.getLong("amount"), rs.getString("description")))
        .optional();
  }

  private void lockAccount(String userId) {
    jdbc.sql("select user_id from credit_accounts where user_id = :userId for update")
        .param("userId", userId)
        .query(String.class)
        .optional()
        .orElseThrow(() -> new AccountNotFoundException(userId));
  }

  private Optional<Account> findAccount(String userId) {
    return jdbc.sql("select " + ACCOUNT_COLUMNS + " from credit_accounts where user_id = :userId")
        .param("userId", userId)
        .query(CreditLedger::mapAccount)
        .optional();
  }

  /**
   * Appends an entry. Callers have already updated (and so locked) the account row, which
   * orders the entries of one account by id in the order they were applied.
   */
  private void insertTransaction(
      String userId,
      TransactionType type,
      long amount,
      long balanceAfter,
      String referenceId,
      String description) {
    int inserted = jdbc.sql("""
                        insert into credit_transactions (user_id, type, amount, balance_after, reference_id, description)
                        values (:userId, :type, :amount, :balanceAfter, :referenceId, :description)
                        on conflict on constraint credit_transactions_reference_once do nothing""")
        .param("userId", userId)
        .param("type", type.dbValue())
        .param("amount", amount)
        .param("balanceAfter", balanceAfter)
        .param("referenceId", referenceId)
        .param("description", description)
        .update();
    if (inserted == 0) {
      // Only possible when another account used the same reference concurrently; throwing
      // rolls back the balance change made for this entry.
      throw new IllegalStateException(
          "%s reference %s is already used".formatted(type.dbValue(), referenceId));
    }
  }

  private <T> T inTransaction(Supplier<T> work) {
    return transactions.execute(status -> work.get());
  }

  private static void requireId(String id, String name) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  private static Account mapAccount(ResultSet rs, int row) throws SQLException {
    return new Account(
        rs.getString("user_id"),
        rs.getLong("balance"),
        rs.getLong("reserved"),
        rs.getLong("lifetime_earned"),
        rs.getLong("lifetime_spent"));
  }

  private static Reservation mapReservation(ResultSet rs, int row) throws SQLException {
    return new Reservation(
        rs.getString("id"),
        rs.getString("user_id"),
        rs.getLong("amount"),
        ReservationStatus.fromDb(rs.getString("status")),
        rs.getString("description"),
        instant(rs, "created_at"),
        instant(rs, "closed_at"));
  }

  private static Transaction mapTransaction(ResultSet rs, int row) throws SQLException {
    return new Transaction(
        rs.getLong("id"),
        TransactionType.fromDb(rs.getString("type")),
        rs.getLong("amount"),
        rs.getLong("balance_after"),
        rs.getString("reference_id"),
        rs.getString("description"),
        instant(rs, "created_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
