package dev.cadenza.fleet;

/**
 * Follows a running job. Called on the caller's thread for every event the worker sends (it sends
 * one at least every second while a job is queued or running), so the caller can heartbeat from
 * here. An exception thrown here stops following the job and is rethrown by {@link GpuFleet#run} as
 * it is; the job itself goes on until someone cancels it.
 */
@FunctionalInterface
public interface JobListener {

  /** Ignores every event. */
  JobListener NONE = (stage, percent) -> {};

  /**
   * @param stage the model's current stage ({@code "render"}, ...); {@code "queued"} while the job
   *     waits for a slot, {@code "started"} until the model reports its first stage
   * @param percent progress of the job so far, 0..100 (repeated when nothing new happened)
   */
  void progress(String stage, int percent);

  /**
   * The worker at {@code address} has the job {@code jobId} (the requested id or a re-run of it):
   * it answered the submission with its first event. Called before that event's {@link #progress},
   * again for every re-run or other worker the job moves to.
   */
  default void placed(String jobId, String address) {}
}
