package dev.cadenza.faults;

import java.util.concurrent.ThreadLocalRandom;

/** A probability with which an injected fault strikes each call. */
record FaultRate(String name, double rate) {

  FaultRate {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException(name + " must be within 0..1, was " + rate);
    }
  }

  boolean isOn() {
    return rate > 0;
  }

  /** True for this call with probability {@code rate}. */
  boolean strikes() {
    return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
  }
}
