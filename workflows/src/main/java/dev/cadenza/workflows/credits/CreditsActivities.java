package dev.cadenza.workflows.credits;

import io.temporal.activity.ActivityInterface;

/**
 * The credits ledger as seen from a workflow. Every method is idempotent by reservation id, so
 * the ledger options retry them until they succeed.
 */
@ActivityInterface
public interface CreditsActivities {

  /**
   * Holds the credits (available drops, balance does not). Holding an id that is already held
   * succeeds without holding twice. Fails non-retryably with {@code InsufficientCredits} when
   * the user cannot afford it, or {@code ReservationNotHeld} when the id was already released.
   */
  void reserveCredits(CreditHold hold);

  /** Turns the hold into one {@code spend} transaction. A second capture changes nothing. */
  void captureCredits(String reservationId);

  /** Ends the hold without spending. Releasing twice, or an unknown id, changes nothing. */
  void releaseCredits(String reservationId);
}
