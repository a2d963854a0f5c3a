package dev.cadenza.credits;

/** There is no reservation with the given id. */
public class ReservationNotFoundException extends RuntimeException {

  private final String reservationId;

  public ReservationNotFoundException(String reservationId) {
    super("no credit reservation " + reservationId);
    this.reservationId = reservationId;
  }

  public String reservationId() {
    return reservationId;
  }
}
