package dev.cadenza.workflows.credits;

/** A hold of {@code amount} credits on a user's account, identified by {@code reservationId}. */
public record CreditHold(String reservationId, String userId, long amount, String description) {}
