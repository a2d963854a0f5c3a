package dev.cadenza.storage;

/**
 * There is no object under the key. Not worth retrying: the claim check points at nothing, which is
 * a bug or a lost file, not a transient fault.
 */
public class NoSuchObjectException extends RuntimeException {

  private final String key;

  public NoSuchObjectException(String key) {
    this(key, null);
  }

  public NoSuchObjectException(String key, Throwable cause) {
    super("No object under key: " + key, cause);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
