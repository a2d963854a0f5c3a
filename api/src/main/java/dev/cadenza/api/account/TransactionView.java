package dev.cadenza.api.account;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.cadenza.credits.Transaction;
import java.time.Instant;

/** One entry of {@code GET /v1/credits/transactions}. */
public record TransactionView(
    String id,
    String type,
    long amount,
    long balanceAfter,
    String referenceId,
    String description,
    // RFC 3339 whatever the mapper's date settings are.
    @JsonFormat(shape = JsonFormat.Shape.STRING) Instant createdAt) {

  static final String ID_PREFIX = "txn_";

  static TransactionView of(Transaction transaction) {
    return new TransactionView(
        ID_PREFIX + transaction.id(),
        transaction.type().dbValue(),
        transaction.amount(),
        transaction.balanceAfter(),
        transaction.referenceId(),
        transaction.description(),
        transaction.createdAt());
  }
}
