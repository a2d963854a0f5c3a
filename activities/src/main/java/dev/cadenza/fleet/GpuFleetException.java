package dev.cadenza.fleet;

/**
 * Why a GPU job did not complete. {@link #retryable()} tells whether running the same job again
 * (with the same id: a retry re-attaches or re-runs as needed) could succeed.
 */
public abstract sealed class GpuFleetException extends RuntimeException
    permits GpuJobFailedException, GpuJobCanceledException, GpuUnavailableException {

  private final String jobId;

  GpuFleetException(String jobId, String message, Throwable cause) {
    super(message, cause);
    this.jobId = jobId;
  }

  public String jobId() {
    return jobId;
  }

  public abstract boolean retryable();
}
