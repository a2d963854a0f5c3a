package dev.cadenza.fleet;

/**
 * No worker could take the job, or the stream of a running job broke (worker died, network,
 * deadline). Always retryable: workers come back or others join, and a retry re-attaches to the job
 * if its worker still has it.
 */
public final class GpuUnavailableException extends GpuFleetException {

  public GpuUnavailableException(String jobId, String message, Throwable cause) {
    super(jobId, message, cause);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
