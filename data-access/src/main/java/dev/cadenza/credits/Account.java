package dev.cadenza.credits;

/**
 * A snapshot of one credit account.
 *
 * @param userId         the owner
 * @param balance        credits owned; equals the sum of the account's transactions
 * @param reserved       credits held by open reservations; part of {@code balance}
 * @param lifetimeEarned credits ever granted (purchase, bonus, admin adjustments, net of negative adjustments)
 * @param lifetimeSpent  credits ever spent, net of refunds
 */
public record Account(
    String userId, long balance, long reserved, long lifetimeEarned, long lifetimeSpent) {

  /** Credits that can still be reserved: {@code balance - reserved}, never negative. */
  public long available() {
    return balance - reserved;
  }
}
