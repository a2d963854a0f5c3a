package dev.cadenza.credits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;

/** Credits moved are counted once per change, and only once the change is committed. */
class LedgerMetricsTest extends LedgerTestBase {
  private SimpleMeterRegistry meters;
  private CreditLedger metered;

  @BeforeEach
  void meteredLedger() {
    meters = new SimpleMeterRegistry();
    metered = new CreditLedger(jdbc, transactionManager, meters);
  }

  @Test
  void holdsCapturesReleasesAndRefundsAreCountedInCredits() {
    String user = userWith(100);

    metered.reserve("r1", user, 10, "song r1");
    metered.reserve("r1", user, 10, "song r1"); // an idempotent repeat
    metered.reserve("r2", user, 7, "song r2");
    metered.capture("r1");
    metered.capture("r1");
    metered.release("r2");
    metered.release("r2");
    metered.credit(user, TransactionType.REFUND, 4, "refund-r1", "bad result");
    metered.credit(user, TransactionType.REFUND, 4, "refund-r1", "bad result");

    assertThat(credits("reserved")).isEqualTo(17);
    assertThat(credits("captured")).isEqualTo(10);
    assertThat(credits("released")).isEqualTo(7);
    assertThat(credits("refunded")).isEqualTo(4);
  }

  @Test
  void aHoldRolledBackWithItsCallersTransactionIsNotCounted() {
    String user = userWith(100);

    assertThatThrownBy(() -> new TransactionTemplate(transactionManager).executeWithoutResult(t -> {
          metered.reserve("r-rolled-back", user, 10, "song");
          throw new IllegalStateException("the generation row could not be written");
        }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(credits("reserved")).isZero();
    assertThat(metered.reservation("r-rolled-back")).isEmpty();
  }

  private double credits(String what) {
    return meters.get("cadenza.credits." + what).counter().count();
  }
}
