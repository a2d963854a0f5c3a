package dev.cadenza.fleet;

import java.util.function.LongSupplier;

/**
 * Decides which progress updates are worth a read-model write: a change of at least 5 points, or
 * any change once a second has passed since the last one written. The worker repeats the last
 * progress every second as a liveness signal; those repeats are never written.
 */
final class ProgressThrottle {

  private static final int MIN_STEP = 5;
  private static final long MIN_INTERVAL_NANOS = 1_000_000_000L;

  private final LongSupplier nanoClock;
  private int lastPercent = -1;
  private long lastAtNanos;

  ProgressThrottle() {
    this(System::nanoTime);
  }

  ProgressThrottle(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /** True when {@code percent} should be reported; it then becomes the last reported value. */
  boolean shouldReport(int percent) {
    long now = nanoClock.getAsLong();
    boolean first = lastPercent < 0;
    boolean changed = percent != lastPercent;
    boolean due = first
        || Math.abs(percent - lastPercent) >= MIN_STEP
        || (changed && now - lastAtNanos >= MIN_INTERVAL_NANOS);
    if (due) {
      lastPercent = percent;
      lastAtNanos = now;
    }
    return due;
  }
}
