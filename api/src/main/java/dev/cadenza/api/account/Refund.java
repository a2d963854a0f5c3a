package dev.cadenza.api.account;

import dev.cadenza.credits.Transaction;

/** A recorded refund and the account right after it. */
public record Refund(Transaction transaction, UserAccount account) {}
