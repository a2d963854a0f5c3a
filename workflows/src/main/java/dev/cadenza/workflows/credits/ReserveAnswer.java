package dev.cadenza.workflows.credits;

/**
 * What the {@code reserve} update answers: {@code held}, or not (the user cannot afford it) with
 * the credits the user had available then, for the 402's message.
 */
public record ReserveAnswer(boolean held, long available) {

  public static ReserveAnswer held(long available) {
    return new ReserveAnswer(true, available);
  }

  public static ReserveAnswer refused(long available) {
    return new ReserveAnswer(false, available);
  }
}
