package dev.cadenza.credits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadenza.testsupport.TestDatabase;
import dev.cadenza.testsupport.TestUsers;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The audit must notice corruption, or its silence after the other tests proves nothing. */
class LedgerAuditTest {

  @Test
  void reportsEachBrokenInvariant() {
    DataSource ds = TestDatabase.fresh();
    JdbcClient jdbc = JdbcClient.create(ds);
    CreditLedger ledger = new CreditLedger(jdbc, new DataSourceTransactionManager(ds));
    LedgerAudit audit = new LedgerAudit(ds);
    String userId = TestUsers.insert(jdbc);
    ledger.openAccount(userId);
    ledger.credit(userId, TransactionType.BONUS, 100, null, null);
    ledger.reserve("res_a", userId, 10, null);
    ledger.reserve("res_b", userId, 20, null);
    ledger.capture("res_b");
    assertThat(audit.violations()).isEmpty();

    // Money appears from nowhere, a hold vanishes, a spend loses its hold.
    jdbc.sql(
            "update credit_accounts set balance = balance + 1, lifetime_earned = lifetime_earned + 1")
        .update();
    jdbc.sql(
            "update credit_reservations set status = 'released', closed_at = now() where id = 'res_a'")
        .update();
    jdbc.sql("update credit_reservations set status = 'held', closed_at = null where id = 'res_b'")
        .update();

    assertThat(audit.violations())
        .extracting(LedgerAudit.Violation::rule)
        .contains(
            "balance_equals_sum_of_transactions",
            "reserved_equals_sum_of_holds",
            "captured_has_one_spend",
            "spend_has_captured_hold");
  }
}
