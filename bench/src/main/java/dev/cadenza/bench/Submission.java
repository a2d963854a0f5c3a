package dev.cadenza.bench;

/**
 * One planned submission and what happened to it.
 *
 * @param plannedNanos when it was due, on the bench's {@code System.nanoTime()} clock
 * @param sentNanos when the request went out (later than planned when {@code concurrency}
 *     requests were already in flight: schedule lag)
 */
public record Submission(
    int index,
    GenerationKind kind,
    int user,
    long plannedNanos,
    long sentNanos,
    long answeredNanos,
    int status,
    String id,
    String errorCode) {

  public boolean accepted() {
    return status == 201;
  }

  public double latencyMillis() {
    return (answeredNanos - sentNanos) / 1e6;
  }

  public double scheduleLagMillis() {
    return (sentNanos - plannedNanos) / 1e6;
  }
}
