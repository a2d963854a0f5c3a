package dev.cadenza.api.account;

import dev.cadenza.credits.Account;

/**
 * A user with the current state of their credits, and how many of their generations may run at
 * once (the setting, or the server's default).
 */
public record UserAccount(User user, Account credits, int maxConcurrent) {}
