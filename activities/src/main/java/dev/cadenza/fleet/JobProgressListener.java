package dev.cadenza.fleet;

/**
 * Receives the progress of a generation's GPU and LLM steps, for the generations read model. Calls
 * are throttled (see {@link ProgressThrottle}) and made on the activity's thread; an exception
 * thrown here is logged and does not fail the step.
 */
@FunctionalInterface
public interface JobProgressListener {

  /** Ignores progress; for tests and for processes without a read model. */
  JobProgressListener NONE = (generationId, step, percent) -> {};

  /**
   * @param step the workflow step, named like the activity method ({@code generateAudio})
   * @param percent 0..100
   */
  void progress(String generationId, String step, int percent);
}
