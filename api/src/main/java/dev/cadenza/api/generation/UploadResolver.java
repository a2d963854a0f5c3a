package dev.cadenza.api.generation;

import dev.cadenza.workflows.media.StagedFile;

/**
 * Turns an upload id in an input into the stored file a workflow reads, for the user who makes
 * the request (implemented by {@code api/uploads/UploadReferences}).
 */
public interface UploadResolver {

  /** Longest upload id read from an input. */
  int MAX_ID = 64;

  /**
   * The user's ready upload of {@code kind} ({@code image}, {@code audio}, {@code video}), as the
   * file {@code name} plus its extension.
   *
   * @param field the input's path to the id, for the problem if it is later found gone
   * @throws Refused with the problem's message when the id names no such upload (someone else's
   *     gets the same answer as one that does not exist)
   */
  StagedFile resolve(String field, String uploadId, String kind, String name);

  /** Why an upload id cannot be used. */
  final class Refused extends RuntimeException {
    public Refused(String message) {
      super(message, null, false, false);
    }
  }
}
