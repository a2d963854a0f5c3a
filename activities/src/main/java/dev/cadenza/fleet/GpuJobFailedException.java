package dev.cadenza.fleet;

/**
 * The worker ran (or refused) the job and reported a failure with a stable code, such as {@code
 * INVALID_INPUT}, {@code CONTENT_REFUSED} (both not retryable), {@code MODEL_ERROR} or {@code
 * WORKER_SHUTDOWN} (retryable).
 */
public final class GpuJobFailedException extends GpuFleetException {

  public static final String INVALID_INPUT = "INVALID_INPUT";
  public static final String CONTENT_REFUSED = "CONTENT_REFUSED";

  private final String code;
  private final boolean retryable;

  public GpuJobFailedException(String jobId, String code, String message, boolean retryable) {
    super(jobId, message, null);
    this.code = code;
    this.retryable = retryable;
  }

  public String code() {
    return code;
  }

  @Override
  public boolean retryable() {
    return retryable;
  }
}
