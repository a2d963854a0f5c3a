package dev.cadenza.credits;

import java.time.Instant;

/**
 * One balance-changing ledger entry.
 *
 * @param amount       signed change of the balance: positive for credits added, negative for
 *                     {@code spend} and negative {@code admin_adjust}
 * @param balanceAfter the account balance right after this entry was applied
 * @param referenceId  the idempotency reference (for a spend, the reservation id); may be null
 */
public record Transaction(
    long id,
    TransactionType type,
    long amount,
    long balanceAfter,
    String referenceId,
    String description,
    Instant createdAt) {}
