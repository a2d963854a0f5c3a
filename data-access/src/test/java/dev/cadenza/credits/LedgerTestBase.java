package dev.cadenza.credits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadenza.testsupport.TestDatabase;
import dev.cadenza.testsupport.TestUsers;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * One fresh database per test class, a ledger on it without a Spring context, and the ledger
 * audit after every test. Tests isolate themselves by creating their own users.
 */
abstract class LedgerTestBase {

  static DataSource dataSource;
  static JdbcClient jdbc;
  static DataSourceTransactionManager transactionManager;
  static CreditLedger ledger;

  @BeforeAll
  static void database() {
    dataSource = TestDatabase.fresh();
    jdbc = JdbcClient.create(dataSource);
    transactionManager = new DataSourceTransactionManager(dataSource);
    ledger = new CreditLedger(jdbc, transactionManager);
  }

  @AfterEach
  void ledgerIsConsistent() {
    assertThat(new LedgerAudit(dataSource).violations()).isEmpty();
  }

  /** A new user with an open account holding {@code credits} (as one bonus, if positive). */
  static String userWith(long credits) {
    String userId = TestUsers.insert(jdbc);
    ledger.openAccount(userId);
    if (credits > 0) {
      ledger.credit(userId, TransactionType.BONUS, credits, null, "starting credits");
    }
    return userId;
  }

  static long count(String sql, Object... params) {
    var spec = jdbc.sql(sql);
    for (Object param : params) {
      spec = spec.param(param);
    }
    return spec.query(Long.class).single();
  }
}
