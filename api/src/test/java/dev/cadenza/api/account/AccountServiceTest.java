package dev.cadenza.api.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;

import dev.cadenza.api.auth.ApiKeys;
import dev.cadenza.api.problem.ApiException;
import dev.cadenza.credits.Account;
import dev.cadenza.credits.CreditLedger;
import dev.cadenza.credits.Transaction;
import dev.cadenza.credits.TransactionPage;
import dev.cadenza.credits.TransactionType;
import dev.cadenza.testsupport.TestDatabase;
import io.temporal.client.WorkflowClient;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** AccountService on a real PostgreSQL, wired by hand. */
class AccountServiceTest {
  static DataSource dataSource;
  static JdbcClient jdbc;
  static DataSourceTransactionManager transactionManager;
  static CreditLedger ledger;
  static ApiKeyRepository apiKeys;
  static AccountService service;
  static ConcurrencyLimits limits;

  @BeforeAll
  static void database() {
    dataSource = TestDatabase.fresh();
    jdbc = JdbcClient.create(dataSource);
    transactionManager = new DataSourceTransactionManager(dataSource);
    ledger = new CreditLedger(jdbc, transactionManager);
    apiKeys = new ApiKeyRepository(jdbc);
    // No lane runs in these tests; the limit itself is read from and written to PostgreSQL.
    limits = new ConcurrencyLimits(jdbc, mock(WorkflowClient.class), 2);
    service =
        new AccountService(new UserRepository(jdbc), apiKeys, ledger, transactionManager, limits);
  }

  private static String email() {
    return "user-" + UUID.randomUUID() + "@example.com";
  }

  private static long count(String table) {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }

  private static void assertProblem(ThrowingCallable call, int status, String code) {
    assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.status().value()).isEqualTo(status);
      assertThat(e.code()).isEqualTo(code);
    });
  }

  @Test
  void createsUserKeyAccountAndOneBonusTransaction() {
    NewUser created = service.createUser(email(), "  Ada  ", 500);

    User user = created.user();
    assertThat(user.id()).matches("usr_[0-9A-Za-z]{24}");
    assertThat(user.name()).isEqualTo("Ada");
    assertThat(user.webhookSecret()).startsWith("whsec_");
    assertThat(Base64.getDecoder().decode(user.webhookSecret().substring(6))).hasSize(24);
    assertThat(created.apiKey()).matches("cdz_[0-9A-Za-z]{32}");

    Account account = ledger.account(user.id());
    assertThat(account.balance()).isEqualTo(500);
    assertThat(account.lifetimeEarned()).isEqualTo(500);
    List<Transaction> entries = ledger.transactions(user.id(), 10, null).data();
    assertThat(entries).hasSize(1);
    assertThat(entries.getFirst().type()).isEqualTo(TransactionType.BONUS);
    assertThat(entries.getFirst().amount()).isEqualTo(500);
    assertThat(entries.getFirst().referenceId()).isEqualTo("signup:" + user.id());
  }

  @Test
  void withoutCreditsTheAccountIsEmptyAndHasNoHistory() {
    NewUser created = service.createUser(email(), "Zero", 0);
    assertThat(ledger.account(created.user().id()))
        .isEqualTo(new Account(created.user().id(), 0, 0, 0, 0));
    assertThat(ledger.transactions(created.user().id(), 10, null).data()).isEmpty();
  }

  @Test
  void apiKeyIsFoundByHashAndNeverStoredInClear() {
    NewUser created = service.createUser(email(), "Key holder", 0);
    String key = created.apiKey();

    assertThat(apiKeys.findActiveUserId(ApiKeys.hash(key)))
        .contains(created.user().id());
    assertThat(apiKeys.findActiveUserId(key)).isEmpty();
    String stored = jdbc.sql(
            "select id || ' ' || key_hash || ' ' || key_prefix from api_keys where user_id = :u")
        .param("u", created.user().id())
        .query(String.class)
        .single();
    assertThat(stored)
        .doesNotContain(key)
        .contains(ApiKeys.hash(key))
        .contains(key.substring(0, 8));
  }

  @Test
  void revokedKeysAreNotFound() {
    NewUser created = service.createUser(email(), "Revoked", 0);
    jdbc.sql("update api_keys set revoked_at = now() where user_id = :u")
        .param("u", created.user().id())
        .update();
    assertThat(apiKeys.findActiveUserId(ApiKeys.hash(created.apiKey()))).isEmpty();
  }

  @Test
  void duplicateEmailIsAConflictAndWritesNothing() {
    String email = email();
    service.createUser(email, "First", 100);
    long users = count("users");
    long keys = count("api_keys");
    long accounts = count("credit_accounts");
    long entries = count("credit_transactions");

    assertProblem(() -> service.createUser(email.toUpperCase(), "Second", 100), 409, "CONFLICT");

    assertThat(count("users")).isEqualTo(users);
    assertThat(count("api_keys")).isEqualTo(keys);
    assertThat(count("credit_accounts")).isEqualTo(accounts);
    assertThat(count("credit_transactions")).isEqualTo(entries);
  }

  @Test
  void aFailureAfterTheUserRowRollsEverythingBack() {
    CreditLedger failing = spy(new CreditLedger(jdbc, transactionManager));
    doThrow(new IllegalStateException("ledger down"))
        .when(failing)
        .credit(anyString(), any(), anyLong(), any(), any());
    AccountService broken =
        new AccountService(new UserRepository(jdbc), apiKeys, failing, transactionManager, limits);
    String email = email();
    long users = count("users");
    long keys = count("api_keys");

    assertThatThrownBy(() -> broken.createUser(email, "Half", 10)).hasMessage("ledger down");

    assertThat(count("users")).isEqualTo(users);
    assertThat(count("api_keys")).isEqualTo(keys);
    assertThat(jdbc.sql("select count(*) from users where email = :e")
            .param("e", email)
            .query(Long.class)
            .single())
        .isZero();
  }

  @Test
  void adminCreditsAndAdjustments() {
    String userId = service.createUser(email(), "Buyer", 100).user().id();

    UserAccount afterPurchase = service.addCredits(userId, TransactionType.PURCHASE, 50, "order 7");
    assertThat(afterPurchase.credits().balance()).isEqualTo(150);
    assertThat(afterPurchase.user().id()).isEqualTo(userId);

    UserAccount afterAdjust =
        service.addCredits(userId, TransactionType.ADMIN_ADJUST, -150, "reset");
    assertThat(afterAdjust.credits().balance()).isZero();

    TransactionPage page = service.transactions(userId, 10, null);
    assertThat(page.data())
        .extracting(Transaction::type)
        .containsExactly(
            TransactionType.ADMIN_ADJUST, TransactionType.PURCHASE, TransactionType.BONUS);
  }

  @Test
  void debitBeyondAvailableIsRefusedAndChangesNothing() {
    String userId = service.createUser(email(), "Poor", 10).user().id();
    ledger.reserve("gen_" + UUID.randomUUID(), userId, 4, "running");

    assertProblem(
        () -> service.addCredits(userId, TransactionType.ADMIN_ADJUST, -7, null),
        422,
        "INSUFFICIENT_CREDITS");

    assertThat(ledger.account(userId).balance()).isEqualTo(10);
    assertThat(
            service.addCredits(userId, TransactionType.ADMIN_ADJUST, -6, null).credits())
        .isEqualTo(new Account(userId, 4, 4, 4, 0));
  }

  @Test
  void invalidCreditRequests() {
    String userId = service.createUser(email(), "Rules", 0).user().id();
    assertProblem(
        () -> service.addCredits(userId, TransactionType.PURCHASE, 0, null),
        422,
        "VALIDATION_FAILED");
    assertProblem(
        () -> service.addCredits(userId, TransactionType.PURCHASE, -5, null),
        422,
        "VALIDATION_FAILED");
    assertProblem(
        () -> service.addCredits(userId, TransactionType.BONUS, -5, null),
        422,
        "VALIDATION_FAILED");
    assertProblem(
        () -> service.addCredits(userId, TransactionType.SPEND, 5, null), 422, "VALIDATION_FAILED");
    assertProblem(
        () -> service.addCredits(userId, TransactionType.REFUND, 5, null),
        422,
        "VALIDATION_FAILED");
    assertProblem(
        () -> service.addCredits("usr_nobody", TransactionType.PURCHASE, 5, null),
        404,
        "NOT_FOUND");
    assertThat(ledger.transactions(userId, 10, null).data()).isEmpty();
  }

  @Test
  void accountOfUnknownUserIsNotFound() {
    assertProblem(() -> service.account("usr_nobody"), 404, "NOT_FOUND");
  }

  @Test
  void accountShowsUserAndCredits() {
    NewUser created = service.createUser(email(), "Me", 42);
    UserAccount account = service.account(created.user().id());
    assertThat(account.user()).isEqualTo(created.user());
    assertThat(account.credits().available()).isEqualTo(42);
  }

  @Test
  void concurrencyIsTheDefaultUntilSetAndBackToTheDefaultWhenCleared() {
    String userId = service.createUser(email(), "Lane", 0).user().id();

    assertThat(service.account(userId).maxConcurrent()).isEqualTo(2);
    assertThat(service.setMaxConcurrent(userId, 1).maxConcurrent()).isEqualTo(1);
    assertThat(limits.of(userId)).isEqualTo(1);
    assertThat(service.setMaxConcurrent(userId, null).maxConcurrent()).isEqualTo(2);
    assertThatThrownBy(() -> service.setMaxConcurrent("usr_nobody", 3))
        .isInstanceOf(ApiException.class);
  }
}
