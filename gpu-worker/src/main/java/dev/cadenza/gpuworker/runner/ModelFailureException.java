package dev.cadenza.gpuworker.runner;

/**
 * A model failure with a stable code, reported to callers as {@code Failed}. The retryable flag
 * tells the caller whether running the same job again could succeed.
 */
public final class ModelFailureException extends RuntimeException {

  public static final String INVALID_INPUT = "INVALID_INPUT";
  public static final String CONTENT_REFUSED = "CONTENT_REFUSED";
  public static final String MODEL_ERROR = "MODEL_ERROR";

  private final String code;
  private final boolean retryable;

  public ModelFailureException(String code, String message, boolean retryable) {
    super(message);
    this.code = code;
    this.retryable = retryable;
  }

  /** Bad input: the same request can never succeed. */
  public static ModelFailureException invalidInput(String message) {
    return new ModelFailureException(INVALID_INPUT, message, false);
  }

  /** Refused by the content policy: the same request can never succeed. */
  public static ModelFailureException contentRefused(String message) {
    return new ModelFailureException(CONTENT_REFUSED, message, false);
  }

  public String code() {
    return code;
  }

  public boolean retryable() {
    return retryable;
  }
}
