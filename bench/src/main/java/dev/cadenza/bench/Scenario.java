package dev.cadenza.bench;

/**
 * When each generation is submitted, as an offset from the start of the run. Submissions are open
 * loop (they do not wait for earlier ones to finish); at most {@code concurrency} submit requests
 * are in flight at once, and a submission that had to wait for one shows up as schedule lag.
 */
public enum Scenario {
  /** {@code rate} submissions per second, evenly spaced. */
  STEADY,
  /** {@code burstSize} submissions at once every {@code burstEvery}. */
  BURST,
  /** Everything at once: a deep backlog that the fleet works through. */
  BACKLOG;

  /** The planned submission times, in nanoseconds from the start. */
  long[] offsetsNanos(BenchOptions options) {
    long[] offsets = new long[options.count()];
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] = switch (this) {
        case STEADY -> Math.round(i * 1e9 / options.rate());
        case BURST -> (i / options.burstSize()) * options.burstEvery().toNanos();
        case BACKLOG -> 0;
      };
    }
    return offsets;
  }
}
