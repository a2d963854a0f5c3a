package dev.cadenza.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LedgerCheckTest {

  @Test
  void aSucceededGenerationSpentItsCostOnce() {
    assertThat(LedgerCheck.problem("succeeded", 10, "captured", 10, 1, -10)).isNull();
    assertThat(LedgerCheck.problem("succeeded", 10, "captured", 10, 2, -20))
        .contains("2 spends totalling -20");
    assertThat(LedgerCheck.problem("succeeded", 10, "released", 10, 0, 0)).contains("released");
  }

  @Test
  void aFailedOrCanceledGenerationSpentNothingAndReleasedItsHold() {
    assertThat(LedgerCheck.problem("failed", 10, "released", 10, 0, 0)).isNull();
    assertThat(LedgerCheck.problem("canceled", 10, "released", 10, 0, 0)).isNull();
    assertThat(LedgerCheck.problem("canceled", 10, "held", 10, 0, 0)).contains("held");
    assertThat(LedgerCheck.problem("failed", 10, "captured", 10, 1, -10)).contains("captured");
  }

  @Test
  void nothingMayStayOpenOrUnreserved() {
    assertThat(LedgerCheck.problem("running", 10, "held", 10, 0, 0)).contains("still running");
    assertThat(LedgerCheck.problem("succeeded", 10, null, 0, 0, 0)).contains("no reservation");
    assertThat(LedgerCheck.problem("succeeded", 10, "captured", 5, 1, -10))
        .contains("reservation of 5");
  }
}
