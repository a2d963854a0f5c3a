package dev.cadenza.credits;

import java.util.List;

/**
 * A page of transactions, newest first.
 *
 * @param data         the entries
 * @param nextBeforeId pass as {@code beforeId} to get the next (older) page; null when there is none
 */
public record TransactionPage(List<Transaction> data, Long nextBeforeId) {

  public TransactionPage {
    data = List.copyOf(data);
  }
}
