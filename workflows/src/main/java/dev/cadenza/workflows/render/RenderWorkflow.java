package dev.cadenza.workflows.render;

import dev.cadenza.workflows.generation.GenerationType;
import dev.cadenza.workflows.generation.GenerationWorkflow;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;
import java.util.Optional;

/**
 * A timeline rendered to an H.264 MP4 and a thumbnail: the user's source files are fetched, the
 * GPU fleet renders (with progress), the outputs are stored, the credits captured, then each
 * {@code publishTo} target gets the render by its own activity with retries (a failed
 * publication is reported in the output, it does not fail the render). A target with {@code at}
 * waits for its time on a durable timer after the generation has succeeded (the workflow keeps
 * running until then) and can be called off with {@link #cancelPublication}. Any failure or
 * cancellation before the outputs are stored releases the hold. Workflow id: {@code
 * render-<generationId>}.
 */
@WorkflowInterface
public interface RenderWorkflow extends GenerationWorkflow {

  String ID_PREFIX = GenerationType.RENDER.idPrefix();

  @WorkflowMethod
  RenderOutput generate(RenderRequest request);

  String CANCEL_PUBLICATION = "cancelPublication";

  /**
   * Calls off the scheduled publication at {@code index} of {@code publishTo}; answers it as
   * {@code canceled} once the read model shows that. Canceling a canceled one again is accepted.
   */
  @UpdateMethod(name = CANCEL_PUBLICATION)
  Publication cancelPublication(int index);

  /**
   * Refuses, before anything is recorded, an index with no publication (failure type {@code
   * NoSuchPublication}) and one that is not waiting any more: delivered, failed, being sent, or
   * not scheduled at all ({@code PublicationNotCancelable}).
   */
  @UpdateValidatorMethod(updateName = CANCEL_PUBLICATION)
  void validateCancelPublication(int index);

  /** Failure type of a cancel refused because there is no such publication. */
  String NO_SUCH_PUBLICATION = "NoSuchPublication";

  /** Failure type of a cancel refused because the publication is not waiting any more. */
  String PUBLICATION_NOT_CANCELABLE = "PublicationNotCancelable";

  /**
   * Why {@link #validateCancelPublication} refused, from the client's exception: the failure
   * type ({@link #NO_SUCH_PUBLICATION} or {@link #PUBLICATION_NOT_CANCELABLE}) and the reason, or
   * empty for any other failure. The SDK gives a validator's failure its own type, so the type is
   * also the start of the message ({@code "<type>: <reason>"}); the whole cause chain is searched.
   */
  static Optional<Refusal> refusal(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app && app.getOriginalMessage() != null) {
        for (String type : List.of(NO_SUCH_PUBLICATION, PUBLICATION_NOT_CANCELABLE)) {
          if (type.equals(app.getType()) || app.getOriginalMessage().startsWith(type + ": ")) {
            String reason = app.getOriginalMessage().startsWith(type + ": ")
                ? app.getOriginalMessage().substring(type.length() + 2)
                : app.getOriginalMessage();
            return Optional.of(new Refusal(type, reason));
          }
        }
      }
    }
    return Optional.empty();
  }

  /** A refused cancel: the failure type, and the reason in words. */
  record Refusal(String type, String reason) {}
}
