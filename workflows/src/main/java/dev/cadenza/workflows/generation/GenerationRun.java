package dev.cadenza.workflows.generation;

import static dev.cadenza.workflows.generation.GenerationSteps.CAPTURE;
import static dev.cadenza.workflows.generation.GenerationSteps.PUBLISH;
import static dev.cadenza.workflows.generation.GenerationSteps.RESERVE;
import static dev.cadenza.workflows.generation.GenerationSteps.STORE;

import dev.cadenza.workflows.credits.Admission;
import dev.cadenza.workflows.credits.CreditHold;
import dev.cadenza.workflows.credits.CreditsActivities;
import dev.cadenza.workflows.credits.ReserveAnswer;
import dev.cadenza.workflows.credits.ReserveUpdate;
import dev.cadenza.workflows.lane.UserLane;
import dev.cadenza.workflows.media.StagedFile;
import dev.cadenza.workflows.storage.StorageActivities;
import dev.cadenza.workflows.storage.StoreRequest;
import dev.cadenza.workflows.storage.StoredAsset;
import dev.cadenza.workflows.visibility.GenerationVisibility;
import dev.cadenza.workflows.visibility.OperatorSummary;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Saga;
import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * The skeleton every generation workflow shares, so that a type only writes its own steps: wait
 * for the {@code reserve} update that holds the credits (and end at once when it refuses), run the work in a cancellation scope, store the outputs, then capture and publish
 * once the work can no longer be undone. Any failure or cancellation before that waits for the
 * running steps to stop, releases the hold, discards the files and records the error, once, in a
 * detached cancellation scope (the Saga's compensations are registered before the calls they
 * undo).
 *
 * <p>{@link GenerationWorkflowShell} makes one per workflow instance (it makes activity stubs, so
 * it must be built on the workflow thread) and runs a type's work in it.
 */
final class GenerationRun {
  private final CreditsActivities credits =
      Workflow.newActivityStub(CreditsActivities.class, ActivityKinds.BOOKKEEPING);
  private final GenerationActivities generations =
      Workflow.newActivityStub(GenerationActivities.class, ActivityKinds.BOOKKEEPING);
  private final StorageActivities storage =
      Workflow.newActivityStub(StorageActivities.class, ActivityKinds.STORAGE);
  private final CreditsActivities localCredits =
      Workflow.newLocalActivityStub(CreditsActivities.class, ActivityKinds.LOCAL_BOOKKEEPING);
  private final GenerationActivities localGenerations =
      Workflow.newLocalActivityStub(GenerationActivities.class, ActivityKinds.LOCAL_BOOKKEEPING);

  /**
   * Version 1: hold, mark running, capture and publish run as local activities (see {@link
   * ActivityKinds#LOCAL_BOOKKEEPING}); histories from before replay with ordinary ones.
   */
  static final String LOCAL_BOOKKEEPING_CHANGE = "local-bookkeeping";

  private boolean localBookkeeping;

  private final ReserveUpdate admission = new ReserveUpdate();

  private final StepTracker steps;
  private final Saga saga = new Saga(new Saga.Options.Builder().build());
  private final UserLane lane = new UserLane();

  /**
   * @param stepNames every step of the type, in the order the user sees them
   */
  GenerationRun(List<String> stepNames) {
    this.steps = new StepTracker(stepNames);
  }

  /** The steps, to run the type's own ones. */
  StepTracker steps() {
    return steps;
  }

  /** The workflow's {@code laneGranted} signal: one of the user's slots is this one's. */
  void laneGranted() {
    lane.granted();
  }

  /** The workflow's {@code reserve} update. */
  ReserveAnswer admit(Admission request) {
    return admission.admit(request);
  }

  /** What the {@code steps} query answers. */
  StepsSnapshot snapshot() {
    return new StepsSnapshot(steps.snapshot());
  }

  /**
   * Runs {@code work} (which starts with {@link #reserve}); when it fails or the workflow is
   * cancelled, compensates once and rethrows. First waits for the {@code reserve} update's
   * answer: when the hold was refused (or the update never came), returns null at once, with
   * nothing written, so nothing is left to undo or to run.
   */
  <T> T execute(String generationId, Functions.Func<T> work) {
    if (!admitted()) {
      return null;
    }
    Object[] result = new Object[1];
    CancellationScope scope = Workflow.newCancellationScope(() -> result[0] = work.apply());
    try {
      scope.run();
      GenerationVisibility.succeeded();
      @SuppressWarnings("unchecked")
      T done = (T) result[0];
      return done;
    } catch (TemporalFailure failure) {
      scope.cancel();
      Workflow.newDetachedCancellationScope(() -> compensate(generationId, failure))
          .run();
      throw failure;
    }
  }

  /**
   * Whether this run's generation is admitted. Started with its {@code reserve} update (the API
   * says so in the memo), it is once the update has held the credits. Otherwise (a batch's item,
   * whose batch admitted it; a workflow recorded before the update existed, whose hold the API
   * made) the reserve step finds the hold.
   */
  private boolean admitted() {
    if (!ReserveUpdate.expected()) {
      return true;
    }
    if (admission.awaitHeld()) {
      return true;
    }
    GenerationVisibility.failed(false, admission.refusal());
    return false;
  }

  /**
   * Registers the compensations (discard the files, release the hold), waits (as {@code queued})
   * for one of the user's {@code maxConcurrent} slots in their lane, then confirms the hold of
   * {@code cost} credits under the generation's id (the {@code reserveCredits} step: it finds the
   * hold the {@code reserve} update wrote) and marks it running. The lane comes first of all, so that
   * it sees the user's generations in the order they were submitted. The memo's one-line summary
   * for operators is the request's own ({@link OperatorSummary}) or the type and cost; never user
   * content.
   */
  void reserve(GenerationType type, GenerationRequest request) {
    String generationId = request.generationId();
    String userId = request.userId();
    long cost = request.cost();
    GenerationVisibility.queued(type, userId, cost, OperatorSummary.of(request, type, cost));
    localBookkeeping =
        Workflow.getVersion(LOCAL_BOOKKEEPING_CHANGE, Workflow.DEFAULT_VERSION, 1) == 1;
    saga.addCompensation(storage::discardOutputs, generationId);
    saga.addCompensation(credits::releaseCredits, generationId);
    lane.enter(userId, generationId, request.maxConcurrent());
    CreditHold hold =
        new CreditHold(generationId, userId, cost, type.wireName() + " " + generationId);
    steps.run(RESERVE, () -> credits().reserveCredits(hold));
    generations().markRunning(generationId);
    GenerationVisibility.running();
  }

  /** Promotes the staged outputs to their final keys (the {@code storeOutputs} step). */
  List<StoredAsset> store(String generationId, List<StagedFile> files) {
    return steps.run(STORE, () -> storage.storeOutputs(new StoreRequest(generationId, files)));
  }

  /**
   * The work is done and stored: from here on a cancel is too late, the result is delivered.
   * Captures the credits, then builds the output ({@code output} may run steps of its own, such
   * as publications, which can no longer fail the generation) and writes it.
   */
  <T extends GenerationOutput> T deliver(String generationId, Functions.Func<T> output) {
    Object[] delivered = new Object[1];
    Workflow.newDetachedCancellationScope(() -> {
          steps.run(CAPTURE, () -> credits().captureCredits(generationId));
          T result = output.apply();
          delivered[0] = result;
          steps.run(
              PUBLISH,
              () -> generations()
                  .publishResult(
                      new GenerationResult(generationId, result, steps.snapshotAfter(PUBLISH))));
          lane.leave();
        })
        .run();
    @SuppressWarnings("unchecked")
    T result = (T) delivered[0];
    return result;
  }

  /** The happy path's ledger writes: local activities from version 1 on. */
  private CreditsActivities credits() {
    return localBookkeeping ? localCredits : credits;
  }

  private GenerationActivities generations() {
    return localBookkeeping ? localGenerations : generations;
  }

  /**
   * Runs once, detached from cancellation: stop what runs, undo, and record why. The compensations
   * stay ordinary activities: retried by the server for as long as it takes.
   */
  private void compensate(String generationId, TemporalFailure failure) {
    steps.awaitSettled();
    saga.compensate();
    steps.cancelPending();
    FailureReport report = FailureReport.of(failure);
    generations.recordFailure(new GenerationFailure(
        generationId, report.canceled(), report.code(), report.message(), steps.snapshot()));
    GenerationVisibility.failed(report.canceled(), report.code());
    lane.leave();
  }
}
