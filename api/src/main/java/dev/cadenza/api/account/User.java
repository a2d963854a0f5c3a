package dev.cadenza.api.account;

import java.time.Instant;

/** A row of {@code users}. */
public record User(String id, String email, String name, String webhookSecret, Instant createdAt) {}
