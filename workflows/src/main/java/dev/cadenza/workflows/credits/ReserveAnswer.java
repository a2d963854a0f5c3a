package dev.cadenza.workflows.credits;

import dev.cadenza.workflows.generation.StepState;
import java.util.List;

/**
 * What the {@code reserve} update answers: {@code held}, or not (the user cannot afford it) with
 * the credits the user had available then, for the 402's message. A generation's workflow adds its
 * steps as they stand when it answers, so that the API's {@code 201} shows them without asking the
 * workflow again (a query is a task of its own on the workflows' queue, for every submission);
 * null from a batch's workflow, and in answers recorded before the steps were added.
 */
public record ReserveAnswer(boolean held, long available, List<StepState> steps) {

  public static ReserveAnswer held(long available) {
    return new ReserveAnswer(true, available, null);
  }

  public static ReserveAnswer refused(long available) {
    return new ReserveAnswer(false, available, null);
  }

  /** This answer with the generation's steps. */
  public ReserveAnswer withSteps(List<StepState> steps) {
    return new ReserveAnswer(held, available, List.copyOf(steps));
  }
}
