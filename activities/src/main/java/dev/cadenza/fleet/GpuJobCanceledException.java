package dev.cadenza.fleet;

/**
 * The job was canceled on the worker (through {@code CancelJob}) while this caller followed it.
 * Retryable: a later run with the same id starts the work afresh (see {@link GpuFleet#run}).
 */
public final class GpuJobCanceledException extends GpuFleetException {

  public GpuJobCanceledException(String jobId, String reason) {
    super(jobId, "GPU job " + jobId + " was canceled: " + reason, null);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
