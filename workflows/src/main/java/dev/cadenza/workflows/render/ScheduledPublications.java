package dev.cadenza.workflows.render;

import dev.cadenza.workflows.generation.ActivityKinds;
import dev.cadenza.workflows.generation.GenerationActivities;
import dev.cadenza.workflows.publication.PublicationActivities;
import dev.cadenza.workflows.publication.PublicationChange;
import dev.cadenza.workflows.publication.PublicationRequest;
import dev.cadenza.workflows.storage.StoredAsset;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A render's {@code publishTo} targets with {@code at}: each waits for its time on a durable
 * timer once the generation has succeeded (and been charged), then goes out by the same
 * publication activity as an immediate target; the user may call it off until then ({@link
 * RenderWorkflow#cancelPublication}). The workflow's state here is the single source of truth;
 * every change after the output was written is copied to the read model.
 *
 * <p>Histories recorded before scheduling existed have no {@code at} in their targets, so they
 * take none of these paths and issue exactly the commands they did.
 */
final class ScheduledPublications {
  static final String NO_SUCH_PUBLICATION = RenderWorkflow.NO_SUCH_PUBLICATION;
  static final String NOT_CANCELABLE = RenderWorkflow.PUBLICATION_NOT_CANCELABLE;

  private final PublicationActivities publisher =
      Workflow.newActivityStub(PublicationActivities.class, ActivityKinds.DELIVERY);
  private final GenerationActivities readModel =
      Workflow.newActivityStub(GenerationActivities.class, ActivityKinds.BOOKKEEPING);

  private String generationId;
  private List<PublishTarget> targets;
  /** Per target: where it stands; null for an immediate one until its delivery has ended. */
  private Publication[] states;

  private boolean[] sending;
  private boolean outputBuilt;
  private boolean outputWritten;

  /** Called first thing in the workflow method. */
  void start(String generationId, List<PublishTarget> targets) {
    this.generationId = generationId;
    this.targets = targets;
    this.states = new Publication[targets.size()];
    this.sending = new boolean[targets.size()];
    for (int i = 0; i < targets.size(); i++) {
      if (targets.get(i).scheduled()) {
        states[i] = Publication.scheduled(targets.get(i));
      }
    }
  }

  /**
   * The publications as the output shows them: the immediate ones' outcomes, the scheduled ones
   * as they stand now ({@code scheduled}, or {@code canceled} by a cancel that came during the
   * render).
   */
  List<Publication> outputBuilt(Map<Integer, Publication> immediate) {
    immediate.forEach((index, publication) -> states[index] = publication);
    outputBuilt = true;
    return List.copyOf(Arrays.asList(states));
  }

  /** The output with these publications is in the read model: changes from now on are copied. */
  void outputWritten() {
    outputWritten = true;
  }

  /**
   * Waits for every scheduled target's time and publishes it, unless it was canceled first.
   * Returns the final publications. A cancellation of the workflow itself (an operator) calls off
   * the ones still waiting, recorded as {@code canceled}.
   */
  List<Publication> deliverWhenDue(String userId, StoredAsset video, StoredAsset thumbnail) {
    List<Promise<Void>> waits = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      if (states[i] != null && states[i].is(Publication.SCHEDULED)) {
        int index = i;
        waits.add(Async.procedure(() -> deliverWhenDue(index, userId, video, thumbnail)));
      }
    }
    try {
      Promise.allOf(waits).get();
    } catch (CanceledFailure canceled) {
      Workflow.newDetachedCancellationScope(this::cancelWaiting).run();
      throw canceled;
    }
    // An update handler still recording a cancel must finish before the workflow does.
    Workflow.await(Workflow::isEveryHandlerFinished);
    return List.copyOf(Arrays.asList(states));
  }

  /**
   * Refuses a cancel that cannot be done, before anything is written to the history. The SDK
   * hands a validator's failure to the client with its own failure type, so the reason's type
   * also starts the message ({@link RenderWorkflow#refusal}).
   */
  void validateCancel(int index) {
    if (states == null || index < 0 || index >= states.length) {
      throw refused(NO_SUCH_PUBLICATION, "this generation has no publication " + index + ".");
    }
    Publication state = states[index];
    if (state != null && state.is(Publication.CANCELED)) {
      return; // canceling twice is harmless: the answer is the same
    }
    if (state != null && state.is(Publication.SCHEDULED) && !sending[index]) {
      return;
    }
    String why;
    if (state == null) {
      why = "it has no \"at\"; it is sent as soon as the render is stored";
    } else if (state.is(Publication.SCHEDULED)) {
      why = "its time has come and it is being delivered";
    } else {
      why = "it is already " + state.status();
    }
    throw refused(NOT_CANCELABLE, "publication " + index + " cannot be canceled: " + why + ".");
  }

  private static ApplicationFailure refused(String type, String message) {
    return ApplicationFailure.newNonRetryableFailure(type + ": " + message, type);
  }

  /** Calls off a scheduled publication; answers once the read model shows it. */
  Publication cancel(int index) {
    if (states[index].is(Publication.CANCELED)) {
      return states[index];
    }
    states[index] = Publication.canceled(targets.get(index));
    if (outputBuilt) {
      // Written with the output otherwise; once built, it must be copied after the output.
      Workflow.await(() -> outputWritten);
      record(index);
    }
    return states[index];
  }

  private void deliverWhenDue(int index, String userId, StoredAsset video, StoredAsset thumbnail) {
    PublishTarget target = targets.get(index);
    Duration wait = Duration.between(
        Instant.ofEpochMilli(Workflow.currentTimeMillis()), Instant.parse(target.at()));
    if (wait.isPositive()) {
      Promise<Void>[] due = new Promise[1];
      CancellationScope timer = Workflow.newCancellationScope(() -> due[0] = Workflow.newTimer(
          wait,
          TimerOptions.newBuilder()
              .setSummary("publishTo[" + index + "] due at " + target.at())
              .build()));
      timer.run();
      Workflow.await(() -> due[0].isCompleted() || states[index].is(Publication.CANCELED));
      if (!due[0].isCompleted()) {
        timer.cancel();
      }
    }
    if (states[index].is(Publication.CANCELED)) {
      return; // the cancel's handler recorded it
    }
    sending[index] = true;
    PublicationRequest delivery =
        new PublicationRequest(generationId, userId, index, target, video, thumbnail);
    states[index] = Async.function(publisher::publishToTarget, delivery)
        .handle((published, failure) -> failure == null
            ? published
            : Publication.failed(target, RenderWorkflowImpl.reason(failure)))
        .get();
    record(index);
  }

  private void cancelWaiting() {
    for (int i = 0; i < states.length; i++) {
      if (states[i] != null && states[i].is(Publication.SCHEDULED) && !sending[i]) {
        states[i] = Publication.canceled(targets.get(i));
        record(i);
      }
    }
  }

  private void record(int index) {
    readModel.recordPublication(new PublicationChange(generationId, index, states[index]));
  }
}
