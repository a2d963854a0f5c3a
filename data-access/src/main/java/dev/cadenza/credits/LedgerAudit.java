package dev.cadenza.credits;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Checks the ledger's invariants over the whole database and reports every violation found.
 * Used after each ledger test, by benchmarks and fault-injection runs, and usable as an
 * operator's consistency check.
 *
 * <p>All checks run in one read-only REPEATABLE READ transaction, so they see a single
 * consistent snapshot and the audit is valid while traffic is running.
 *
 * <p>Rules (the {@link Violation#rule()} names):
 * <ul>
 *   <li>{@code balance_equals_sum_of_transactions}</li>
 *   <li>{@code balance_after_is_running_sum}: each entry's {@code balance_after} is the sum of
 *       the account's entries up to it (by id)</li>
 *   <li>{@code reserved_equals_sum_of_holds}</li>
 *   <li>{@code available_non_negative}: {@code 0 <= reserved <= balance}</li>
 *   <li>{@code balance_equals_earned_minus_spent}</li>
 *   <li>{@code transactions_without_account}</li>
 *   <li>{@code captured_has_one_spend}: a captured hold has exactly one spend of minus its amount,
 *       referencing it; a held or released one has none</li>
 *   <li>{@code spend_has_captured_hold}: every spend references a captured hold of its user</li>
 *   <li>{@code closed_at_matches_status}: {@code closed_at} is set exactly when not held</li>
 * </ul>
 */
public final class LedgerAudit {

  /**
   * One broken invariant.
   *
   * @param rule    which rule (see the class documentation)
   * @param subject the user id, reservation id or transaction id concerned
   * @param detail  the values found
   */
  public record Violation(String rule, String subject, String detail) {
    @Override
    public String toString() {
      return rule + " [" + subject + "]: " + detail;
    }
  }

  private final DataSource dataSource;

  /** @param dataSource the ledger's database */
  public LedgerAudit(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /**
   * Runs every check.
   *
   * @return the violations; empty when the ledger is consistent
   */
  public List<Violation> violations() {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      connection.setReadOnly(true);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try {
        return check(JdbcClient.create(new SingleConnectionDataSource(connection, true)));
      } finally {
        connection.rollback();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("ledger audit failed", e);
    }
  }

  private static List<Violation> check(JdbcClient jdbc) {
    List<Violation> found = new ArrayList<>();
    collect(jdbc, found, "balance_equals_sum_of_transactions", """
                select a.user_id, 'balance ' || a.balance || ' != sum of transactions ' || coalesce(t.total, 0)
                  from credit_accounts a
                  left join (select user_id, sum(amount) total from credit_transactions group by user_id) t
                       using (user_id)
                 where a.balance <> coalesce(t.total, 0)""");
    collect(jdbc, found, "balance_after_is_running_sum", """
                select id::text, 'user ' || user_id || ': balance_after ' || balance_after || ' != running sum ' || running
                  from (select id, user_id, balance_after,
                               sum(amount) over (partition by user_id order by id) running
                          from credit_transactions) t
                 where balance_after <> running""");
    collect(jdbc, found, "reserved_equals_sum_of_holds", """
                select a.user_id, 'reserved ' || a.reserved || ' != sum of held reservations ' || coalesce(h.total, 0)
                  from credit_accounts a
                  left join (select user_id, sum(amount) total from credit_reservations
                              where status = 'held' group by user_id) h
                       using (user_id)
                 where a.reserved <> coalesce(h.total, 0)""");
    collect(jdbc, found, "available_non_negative", """
                select user_id, 'balance ' || balance || ', reserved ' || reserved
                  from credit_accounts
                 where reserved < 0 or balance < reserved""");
    collect(jdbc, found, "balance_equals_earned_minus_spent", """
                select user_id, 'balance ' || balance || ' != lifetime_earned ' || lifetime_earned
                       || ' - lifetime_spent ' || lifetime_spent
                  from credit_accounts
                 where balance <> lifetime_earned - lifetime_spent""");
    collect(jdbc, found, "transactions_without_account", """
                select distinct t.user_id, 'transactions but no account'
                  from credit_transactions t
                 where not exists (select 1 from credit_accounts a where a.user_id = t.user_id)""");
    collect(jdbc, found, "captured_has_one_spend", """
                select r.id, 'status ' || r.status || ', amount ' || r.amount || ', spends: '
                       || count(t.id) || ' totalling ' || coalesce(sum(t.amount), 0)
                  from credit_reservations r
                  left join credit_transactions t
                         on t.type = 'spend' and t.reference_id = r.id and t.user_id = r.user_id
                 group by r.id, r.status, r.amount
                having (r.status = 'captured' and (count(t.id) <> 1 or sum(t.amount) <> -r.amount))
                    or (r.status <> 'captured' and count(t.id) > 0)""");
    collect(jdbc, found, "spend_has_captured_hold", """
                select t.id::text, 'spend of ' || t.amount || ' for user ' || t.user_id
                       || ' references ' || coalesce(t.reference_id, 'nothing')
                  from credit_transactions t
                 where t.type = 'spend'
                   and not exists (select 1 from credit_reservations r
                                    where r.id = t.reference_id and r.user_id = t.user_id
                                      and r.status = 'captured')""");
    collect(jdbc, found, "closed_at_matches_status", """
                select id, 'status ' || status || ', closed_at ' || coalesce(closed_at::text, 'null')
                  from credit_reservations
                 where (status = 'held') <> (closed_at is null)""");
    return found;
  }

  /** Runs a query selecting (subject, detail) rows and records each as a violation of rule. */
  private static void collect(JdbcClient jdbc, List<Violation> found, String rule, String sql) {
    found.addAll(jdbc.sql(sql)
        .query((rs, n) -> new Violation(rule, rs.getString(1), rs.getString(2)))
        .list());
  }
}
