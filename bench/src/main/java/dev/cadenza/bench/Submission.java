package dev.cadenza.bench;

/**
 * One planned submission and what happened to it.
 *
 * @param plannedNanos when it was due, on the bench's {@code System.nanoTime()} clock
 * @param sentNanos when the request went out (later than planned when {@code concurrency}
 *     requests were already in flight: schedule lag; and after the upload, for upload kinds)
 * @param upload the upload made first (its own latency), or null for kinds without one; when it
 *     failed, nothing was submitted and {@code status}/{@code errorCode} are the upload's
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
    String errorCode,
    CadenzaClient.Uploaded upload) {

  public boolean accepted() {
    return status == 201;
  }

  public double latencyMillis() {
    return (answeredNanos - sentNanos) / 1e6;
  }

  /** How late the submission started against the plan (its upload, when it has one). */
  public double scheduleLagMillis() {
    long started = upload == null ? sentNanos : upload.startNanos();
    return (started - plannedNanos) / 1e6;
  }

  /** The upload phase, create to complete; NaN without an upload. */
  public double uploadMillis() {
    return upload == null ? Double.NaN : (upload.endNanos() - upload.startNanos()) / 1e6;
  }
}
