package dev.cadenza.credits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Credits moved by the ledger, in credits: {@code cadenza_credits_reserved_total} (holds
 * taken), {@code _captured_total} (holds spent), {@code _released_total} (holds given back after
 * a failure or cancellation) and {@code _refunded_total} (spent credits given back by an operator).
 * Counted once the change is committed (operations may join a caller's transaction that later
 * rolls back), and only by the call that made the change, never by an idempotent repeat.
 */
final class LedgerMetrics {
  private final Counter reserved;
  private final Counter captured;
  private final Counter released;
  private final Counter refunded;

  LedgerMetrics(MeterRegistry registry) {
    reserved = counter(registry, "reserved", "Credits held for generations");
    captured = counter(registry, "captured", "Held credits spent on delivered generations");
    released = counter(registry, "released", "Held credits given back after failures");
    refunded = counter(registry, "refunded", "Spent credits given back by operators");
  }

  void reserved(long amount) {
    afterCommit(reserved, amount);
  }

  void captured(long amount) {
    afterCommit(captured, amount);
  }

  void released(long amount) {
    afterCommit(released, amount);
  }

  void refunded(long amount) {
    afterCommit(refunded, amount);
  }

  private static Counter counter(MeterRegistry registry, String what, String description) {
    return Counter.builder("cadenza.credits." + what).description(description).register(registry);
  }

  private static void afterCommit(Counter counter, long amount) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      counter.increment(amount);
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        counter.increment(amount);
      }
    });
  }
}
