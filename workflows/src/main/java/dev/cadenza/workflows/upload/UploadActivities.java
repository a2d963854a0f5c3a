package dev.cadenza.workflows.upload;

import io.temporal.activity.ActivityInterface;

/** The I/O of an upload's lifecycle: checking its bytes, and deleting what nobody used. */
@ActivityInterface
public interface UploadActivities {

  /**
   * Checks a pending upload's object: it exists, has the declared size, and its bytes really are
   * of the declared type (pictures decoded, sound and video probed and a frame decoded). Marks the
   * upload {@code ready} (with its SHA-256) or {@code invalid} (and deletes the object). Idempotent:
   * an upload already ready or invalid answers that again (a retried attempt after the first
   * committed), an expired one {@link UploadOutcome#NOT_PENDING}.
   */
  UploadCheck verifyUpload(String uploadId);

  /**
   * Marks the upload {@code expired} and deletes its object, unless it has moved on since: when
   * {@code whilePending}, only a still pending upload (its URL lapsed unused); else only a ready
   * upload no generation has used (the conditional update the generations' create races with).
   *
   * @return whether this call expired it
   */
  boolean expireUpload(String uploadId, boolean whilePending);
}
