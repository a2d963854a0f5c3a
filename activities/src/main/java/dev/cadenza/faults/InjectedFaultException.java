package dev.cadenza.faults;

/**
 * A fault made on purpose by {@code app.faults.*}. Unchecked and not an {@code
 * ApplicationFailure}, so Temporal retries the activity as it would after a real I/O error.
 */
public class InjectedFaultException extends RuntimeException {
  public InjectedFaultException(String message) {
    super(message);
  }
}
