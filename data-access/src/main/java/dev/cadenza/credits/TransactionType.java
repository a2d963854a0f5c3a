package dev.cadenza.credits;

import java.util.Locale;

/**
 * Kinds of balance-changing ledger entries, spelled in the database (and the REST API) as
 * {@code purchase}, {@code spend}, {@code refund}, {@code bonus} and {@code admin_adjust}.
 */
public enum TransactionType {
  /** Credits bought by the user. Positive. */
  PURCHASE,
  /** A captured reservation. Always negative; written only by {@link CreditLedger#capture}. */
  SPEND,
  /** Credits given back after they were spent. Positive; needs a reference id. */
  REFUND,
  /** Credits granted for free (sign-up, promotions). Positive. */
  BONUS,
  /** An operator's correction. The only type that may be negative. */
  ADMIN_ADJUST;

  /** The spelling stored in {@code credit_transactions.type}. */
  public String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses the database spelling.
   *
   * @throws IllegalArgumentException for an unknown value
   */
  public static TransactionType fromDb(String value) {
    for (TransactionType type : values()) {
      if (type.dbValue().equals(value)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown transaction type: " + value);
  }
}
