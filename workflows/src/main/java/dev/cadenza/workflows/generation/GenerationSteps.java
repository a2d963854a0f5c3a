package dev.cadenza.workflows.generation;

/**
 * The step names every generation shares, named like the activity methods they run (the activity
 * side reports attempts and events under the same names).
 */
public final class GenerationSteps {
  public static final String RESERVE = "reserveCredits";
  public static final String STORE = "storeOutputs";
  public static final String CAPTURE = "captureCredits";
  public static final String PUBLISH = "publishResult";

  private GenerationSteps() {}
}
