package dev.cadenza.api.account;

import dev.cadenza.credits.Account;

/** {@code GET /v1/me}, and the answer of the admin's credit endpoint. */
public record AccountView(
    String id,
    String email,
    String name,
    String webhookSecret,
    Credits credits,
    // How many of the user's generations run at once; more wait as queued.
    int maxConcurrent) {

  /** {@code available} = {@code balance} - {@code reserved}. */
  public record Credits(
      long balance, long reserved, long available, long lifetimeEarned, long lifetimeSpent) {
    static Credits of(Account account) {
      return new Credits(
          account.balance(),
          account.reserved(),
          account.available(),
          account.lifetimeEarned(),
          account.lifetimeSpent());
    }
  }

  static AccountView of(UserAccount account) {
    User user = account.user();
    return new AccountView(
        user.id(),
        user.email(),
        user.name(),
        user.webhookSecret(),
        Credits.of(account.credits()),
        account.maxConcurrent());
  }
}
