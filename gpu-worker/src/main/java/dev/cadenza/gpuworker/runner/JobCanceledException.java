package dev.cadenza.gpuworker.runner;

/**
 * Thrown from {@link RunContext} when the job was canceled. Runners let it propagate; the
 * worker has already told callers that the job was canceled.
 */
public final class JobCanceledException extends RuntimeException {

  public JobCanceledException(String jobId) {
    // No stack trace: this is control flow, thrown on every cancellation.
    super("job " + jobId + " was canceled", null, false, false);
  }
}
