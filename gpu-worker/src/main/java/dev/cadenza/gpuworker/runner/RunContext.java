package dev.cadenza.gpuworker.runner;

import java.util.Optional;

/** What a running job can tell the worker, and ask it, while a runner works on it. */
public interface RunContext {

  /** Id of the job being run, for log lines. */
  String jobId();

  /**
   * Reports progress (percent clamped to 0..100). Also checks cancellation, so a runner that
   * reports often is cancellable without extra calls.
   *
   * @throws JobCanceledException when the job was canceled
   */
  void progress(String stage, int percent);

  /**
   * Emits one complete output file. The worker streams it to callers as {@code OutputChunk}
   * messages of at most 1 MiB and keeps it for re-attaching callers.
   *
   * @throws JobCanceledException when the job was canceled
   */
  void emitOutput(String name, String contentType, byte[] bytes);

  /**
   * Cooperative cancellation point.
   *
   * @throws JobCanceledException when the job was canceled
   */
  void checkCanceled();

  /** True once the job was canceled; for runners that prefer to test rather than throw. */
  boolean isCanceled();

  /**
   * The input file called {@code name} that was sent with the job ({@code JobRequest.files}),
   * if any. Input fields name the files a model reads.
   */
  default Optional<ModelFile> inputFile(String name) {
    return Optional.empty();
  }

  /**
   * The input file named by the text field {@code field} of the input.
   *
   * @throws ModelFailureException {@code INVALID_INPUT} when the field is missing or names no
   *     file sent with the job
   */
  default ModelFile requiredFile(String field, String name) {
    if (name == null || name.isBlank()) {
      throw ModelFailureException.invalidInput(field + " is required (the name of an input file)");
    }
    return inputFile(name)
        .orElseThrow(() -> ModelFailureException.invalidInput(
            field + " names \"" + name + "\", which was not sent with the job"));
  }
}
