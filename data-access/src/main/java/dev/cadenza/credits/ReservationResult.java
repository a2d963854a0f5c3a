package dev.cadenza.credits;

/**
 * The outcome of {@link CreditLedger#reserve}.
 *
 * @param status  the reservation's current status; not necessarily {@code HELD} when the call
 *                repeated an earlier one whose hold has since been captured or released
 * @param created true only for the call that created the hold
 */
public record ReservationResult(
    String reservationId, ReservationStatus status, long amount, boolean created) {}
