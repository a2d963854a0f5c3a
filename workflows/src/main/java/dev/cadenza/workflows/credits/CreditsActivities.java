package dev.cadenza.workflows.credits;

import io.temporal.activity.ActivityInterface;

/**
 * The credits ledger as seen from a workflow. Every method is idempotent by reservation id, so
 * the ledger options retry them until they succeed.
 */
@ActivityInterface
public interface CreditsActivities {

  /**
   * The {@code reserveCredits} step: finds the generation's hold, written by {@link #admit} (the
   * {@code reserve} update). Fails non-retryably with {@code ReservationNotHeld} when there is
   * none, or it was already released or captured. Writes nothing.
   */
  void reserveCredits(CreditHold hold);

  /**
   * Writes the rows of new generations ({@code queued}) and holds their costs, in one
   * transaction: all or nothing. Runs from a workflow's {@code reserve} update, the only place
   * a new hold is written. Idempotent: when the generations were admitted already (a retried
   * call whose first one committed), answers {@code held} again without writing. When the user
   * cannot afford the total, writes nothing and answers not held.
   */
  ReserveAnswer admit(Admission admission);

  /** Turns the hold into one {@code spend} transaction. A second capture changes nothing. */
  void captureCredits(String reservationId);

  /** Ends the hold without spending. Releasing twice, or an unknown id, changes nothing. */
  void releaseCredits(String reservationId);
}
