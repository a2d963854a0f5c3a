package dev.cadenza.credits;

import dev.cadenza.generation.GenerationAdmissions;
import dev.cadenza.workflows.FailureTypes;
import dev.cadenza.workflows.credits.Admission;
import dev.cadenza.workflows.credits.CreditHold;
import dev.cadenza.workflows.credits.CreditsActivities;
import dev.cadenza.workflows.credits.ReserveAnswer;
import io.temporal.failure.ApplicationFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The ledger as activities. Ledger errors that a retry cannot fix become non-retryable failures. */
@Component("creditsActivities")
public class CreditsActivitiesImpl implements CreditsActivities {
  private static final Logger log = LoggerFactory.getLogger(CreditsActivitiesImpl.class);
  private final CreditLedger ledger;
  private final GenerationAdmissions admissions;

  public CreditsActivitiesImpl(CreditLedger ledger, GenerationAdmissions admissions) {
    this.ledger = ledger;
    this.admissions = admissions;
  }

  @Override
  public ReserveAnswer admit(Admission admission) {
    return admissions.admit(admission);
  }

  /**
   * Finds the hold the workflow's {@code reserve} update (or its batch's) wrote with the row; it
   * writes none: the admission is the only writer of a hold. Workflows recorded before the update
   * existed find the hold the API made then, the same way.
   */
  @Override
  public void reserveCredits(CreditHold hold) {
    Reservation found = ledger
        .reservation(hold.reservationId())
        .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
            "No credit hold " + hold.reservationId() + ": it is written by the reserve update.",
            FailureTypes.RESERVATION_NOT_HELD));
    if (found.status() != ReservationStatus.HELD) {
      throw ApplicationFailure.newNonRetryableFailure(
          "The credit hold of this generation was already " + found.status().dbValue() + ".",
          FailureTypes.RESERVATION_NOT_HELD);
    }
  }

  @Override
  public void captureCredits(String reservationId) {
    try {
      if (!ledger.capture(reservationId)) {
        log.info("Reservation {} was already closed; nothing captured", reservationId);
      }
    } catch (ReservationNotFoundException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "No credit hold " + reservationId, FailureTypes.RESERVATION_NOT_HELD);
    }
  }

  @Override
  public void releaseCredits(String reservationId) {
    if (ledger.release(reservationId)) {
      log.info("Released credit hold {}", reservationId);
    }
  }
}
