package dev.cadenza.credits;

import dev.cadenza.workflows.FailureTypes;
import dev.cadenza.workflows.credits.CreditHold;
import dev.cadenza.workflows.credits.CreditsActivities;
import io.temporal.failure.ApplicationFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The ledger as activities. Ledger errors that a retry cannot fix become non-retryable failures. */
@Component("creditsActivities")
public class CreditsActivitiesImpl implements CreditsActivities {
  private static final Logger log = LoggerFactory.getLogger(CreditsActivitiesImpl.class);
  private final CreditLedger ledger;

  public CreditsActivitiesImpl(CreditLedger ledger) {
    this.ledger = ledger;
  }

  @Override
  public void reserveCredits(CreditHold hold) {
    ReservationResult result;
    try {
      result =
          ledger.reserve(hold.reservationId(), hold.userId(), hold.amount(), hold.description());
    } catch (InsufficientCreditsException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Not enough credits: " + e.requested() + " needed, " + e.available() + " available.",
          FailureTypes.INSUFFICIENT_CREDITS);
    }
    // The API usually holds the credits before the workflow starts; then this finds the hold.
    if (result.status() != ReservationStatus.HELD) {
      throw ApplicationFailure.newNonRetryableFailure(
          "The credit hold of this generation was already " + result.status().dbValue() + ".",
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
