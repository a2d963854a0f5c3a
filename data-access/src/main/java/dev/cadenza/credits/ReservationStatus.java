package dev.cadenza.credits;

import java.util.Locale;

/** Life cycle of a credit hold: {@code held}, then exactly one of {@code captured} or {@code released}. */
public enum ReservationStatus {
  /** Open: counted in the account's {@code reserved}. */
  HELD,
  /** Closed by one {@code spend} transaction. */
  CAPTURED,
  /** Closed without spending anything. */
  RELEASED;

  /** The spelling stored in {@code credit_reservations.status}. */
  public String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses the database spelling.
   *
   * @throws IllegalArgumentException for an unknown value
   */
  public static ReservationStatus fromDb(String value) {
    for (ReservationStatus status : values()) {
      if (status.dbValue().equals(value)) {
        return status;
      }
    }
    throw new IllegalArgumentException("unknown reservation status: " + value);
  }
}
