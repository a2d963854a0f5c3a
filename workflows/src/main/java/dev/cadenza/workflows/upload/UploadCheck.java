package dev.cadenza.workflows.upload;

/** The answer to completing an upload; {@code reason} says why it is not {@code READY}. */
public record UploadCheck(UploadOutcome outcome, String reason) {

  public static UploadCheck ready() {
    return new UploadCheck(UploadOutcome.READY, null);
  }
}
