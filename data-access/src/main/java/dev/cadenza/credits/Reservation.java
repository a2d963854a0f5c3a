package dev.cadenza.credits;

import java.time.Instant;

/**
 * A credit hold as stored.
 *
 * @param closedAt when it was captured or released; null while held
 */
public record Reservation(
    String id,
    String userId,
    long amount,
    ReservationStatus status,
    String description,
    Instant createdAt,
    Instant closedAt) {}
