package dev.cadenza.fetch;

/**
 * A download that did not give a usable file. {@code retryable} is false when fetching the same
 * URL again cannot help (refused address, wrong type, too large, 4xx).
 */
public final class FetchException extends Exception {
  private final boolean retryable;

  FetchException(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  FetchException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}
