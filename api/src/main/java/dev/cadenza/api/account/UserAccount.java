package dev.cadenza.api.account;

import dev.cadenza.credits.Account;

/** A user with the current state of their credits. */
public record UserAccount(User user, Account credits) {}
