package dev.cadenza.api.account;

import dev.cadenza.api.auth.ApiKeys;
import dev.cadenza.api.auth.SecureTokens;
import dev.cadenza.api.problem.ApiException;
import dev.cadenza.api.problem.ProblemCode;
import dev.cadenza.credits.CreditLedger;
import dev.cadenza.credits.InsufficientCreditsException;
import dev.cadenza.credits.TransactionPage;
import dev.cadenza.credits.TransactionType;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Users, their API keys and their credits, as the admin and account endpoints see them. */
@Service
public class AccountService {
  /** The credit types an operator may grant; spends and refunds come from generations. */
  public static final Set<TransactionType> GRANTABLE =
      EnumSet.of(TransactionType.PURCHASE, TransactionType.BONUS, TransactionType.ADMIN_ADJUST);

  private final UserRepository users;
  private final ApiKeyRepository apiKeys;
  private final CreditLedger ledger;
  private final TransactionTemplate transactions;
  private final ConcurrencyLimits limits;

  public AccountService(
      UserRepository users,
      ApiKeyRepository apiKeys,
      CreditLedger ledger,
      PlatformTransactionManager transactionManager,
      ConcurrencyLimits limits) {
    this.limits = limits;
    this.users = users;
    this.apiKeys = apiKeys;
    this.ledger = ledger;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  /**
   * Creates the user, one API key and the credit account, plus a {@code bonus} of {@code
   * credits} (reference {@code signup:<userId>}) when positive: all or nothing. The email is
   * stored lower-cased, so addresses differing only in case are the same user.
   *
   * @throws ApiException 409 {@code CONFLICT} if the email is taken; nothing is written
   */
  public NewUser createUser(String email, String name, long credits) {
    String normalizedEmail = email.strip().toLowerCase(Locale.ROOT);
    String userId = "usr_" + SecureTokens.base62(24);
    String apiKey = ApiKeys.generate();
    return transactions.execute(status -> {
      if (!users.insertIfEmailFree(userId, normalizedEmail, name.strip(), newWebhookSecret())) {
        throw ApiException.conflict("A user with this email already exists.");
      }
      apiKeys.insert(
          "key_" + SecureTokens.base62(24),
          userId,
          ApiKeys.hash(apiKey),
          ApiKeys.displayPrefix(apiKey));
      ledger.openAccount(userId);
      if (credits > 0) {
        ledger.credit(userId, TransactionType.BONUS, credits, "signup:" + userId, "Sign-up bonus");
      }
      return new NewUser(requireUser(userId), apiKey);
    });
  }

  /**
   * @throws ApiException 404 if there is no such user
   */
  public UserAccount account(String userId) {
    return new UserAccount(requireUser(userId), ledger.account(userId), limits.of(userId));
  }

  /**
   * An operator's credit or debit of one account. Negative amounts only as {@code admin_adjust},
   * and never below what the account has reserved (so never below zero).
   *
   * @throws ApiException 422 {@code VALIDATION_FAILED} for a zero amount, a type other than
   *     purchase/bonus/admin_adjust, or a negative non-adjustment; 404 for an unknown user; 422
   *     {@code INSUFFICIENT_CREDITS} if a debit exceeds the available credits (nothing changes)
   */
  public UserAccount addCredits(
      String userId, TransactionType type, long amount, String description) {
    if (!GRANTABLE.contains(type)) {
      throw ApiException.invalidField("type", "must be one of purchase, bonus, admin_adjust");
    }
    if (amount == 0) {
      throw ApiException.invalidField("amount", "must not be zero");
    }
    if (amount < 0 && type != TransactionType.ADMIN_ADJUST) {
      throw ApiException.invalidField("amount", "may be negative only with type admin_adjust");
    }
    try {
      return transactions.execute(status -> {
        User user = requireUser(userId);
        return new UserAccount(
            user, ledger.credit(userId, type, amount, null, description), limits.of(userId));
      });
    } catch (InsufficientCreditsException e) {
      // Caught outside the transaction: the ledger marked it rollback-only.
      throw new ApiException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          ProblemCode.INSUFFICIENT_CREDITS,
          "The account has %d credits available (not reserved); it cannot lose %d."
              .formatted(e.available(), e.requested()));
    }
  }

  /**
   * Sets how many of the user's generations may run at once ({@code null}: the default).
   *
   * @throws ApiException 404 if there is no such user
   */
  public UserAccount setMaxConcurrent(String userId, Integer maxConcurrent) {
    limits.set(userId, maxConcurrent);
    return account(userId);
  }

  /** The user's balance-changing entries, newest first. */
  public TransactionPage transactions(String userId, int limit, Long beforeId) {
    return ledger.transactions(userId, limit, beforeId);
  }

  private User requireUser(String userId) {
    return users.findById(userId).orElseThrow(() -> ApiException.notFound("User"));
  }

  /** Standard Webhooks: {@code whsec_} and the base64 of the HMAC key (24 random bytes). */
  private static String newWebhookSecret() {
    return "whsec_" + Base64.getEncoder().encodeToString(SecureTokens.bytes(24));
  }
}
