package dev.cadenza.generation;

/** The lifecycle of a generation, spelled as in the API and the database. */
public enum GenerationStatus {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELED;

  public String dbValue() {
    return name().toLowerCase();
  }

  public static GenerationStatus fromDb(String value) {
    return valueOf(value.toUpperCase());
  }

  public boolean terminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELED;
  }
}
