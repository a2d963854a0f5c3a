package dev.cadenza.workflows.upload;

/** What completing an upload found. */
public enum UploadOutcome {
  /** The object exists, has the declared size and is of the declared type: usable. */
  READY,
  /** The object is not (yet) in storage; the upload stays pending and may be completed later. */
  NOT_RECEIVED,
  /** The object's bytes are not what was declared; it was deleted and the upload is dead. */
  INVALID,
  /** The upload had already left {@code pending} (completed, refused or expired) before. */
  NOT_PENDING
}
