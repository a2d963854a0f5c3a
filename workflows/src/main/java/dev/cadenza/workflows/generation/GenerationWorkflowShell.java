package dev.cadenza.workflows.generation;

import dev.cadenza.workflows.credits.Admission;
import dev.cadenza.workflows.credits.ReserveAnswer;
import dev.cadenza.workflows.media.StagedFile;
import dev.cadenza.workflows.storage.StoredAsset;
import io.temporal.workflow.Functions;
import java.util.List;

/**
 * What every generation workflow implementation shares around its {@link GenerationRun}: the
 * {@code steps} query, the {@code laneGranted} signal, the {@code reserve} update, and the frame
 * of the workflow method (wait for the hold, take a slot in the user's lane, confirm the hold, run
 * the type's own steps, capture and publish; compensate once on failure or cancellation). A type
 * writes its own steps ({@link #work}) and a workflow method that calls {@link #execute}.
 *
 * <p>Temporal finds the handlers through the type's workflow interface (which extends {@link
 * GenerationWorkflow}) on the registered implementation class, inherited methods included; the
 * workflow type stays the interface's name.
 *
 * @param <R> the workflow method's argument
 * @param <O> its result
 */
public abstract class GenerationWorkflowShell<
        R extends GenerationRequest, O extends GenerationOutput>
    implements GenerationWorkflow {
  private final GenerationType type;
  private final GenerationRun run;

  /** The type's steps: its own ones run through here ({@code steps.run}, {@code steps.skip}). */
  protected final StepTracker steps;

  /**
   * @param stepNames every step of the type, in the order the user sees them
   */
  protected GenerationWorkflowShell(GenerationType type, List<String> stepNames) {
    this.type = type;
    this.run = new GenerationRun(stepNames);
    this.steps = run.steps();
  }

  /**
   * The workflow method's body: once the credits are held and the user's lane has a slot, runs
   * {@link #work}, then captures the credits and writes the output; any failure or cancellation
   * before that is compensated once and rethrown.
   *
   * @return the output; null when the hold was refused or its update never came: nothing ran
   */
  protected final O execute(R request) {
    String generationId = request.generationId();
    return run.execute(generationId, () -> {
      run.reserve(type, request);
      Functions.Func<O> output = work(request);
      return run.deliver(generationId, output);
    });
  }

  /**
   * The type's own steps, up to and including {@link #store}, in the cancellation scope of the
   * run. Answers how to build the output: that runs after the credits are captured, where a cancel
   * is too late, so it may run steps of its own that can no longer fail the generation (a
   * render's publications).
   */
  protected abstract Functions.Func<O> work(R request);

  /** Promotes the staged outputs to their final keys (the {@code storeOutputs} step). */
  protected final List<StoredAsset> store(String generationId, List<StagedFile> files) {
    return run.store(generationId, files);
  }

  @Override
  public final StepsSnapshot steps() {
    return run.snapshot();
  }

  @Override
  public final void laneGranted() {
    run.laneGranted();
  }

  @Override
  public final ReserveAnswer reserve(Admission admission) {
    ReserveAnswer answer = run.admit(admission);
    return answer.held() ? answer.withSteps(run.snapshot().steps()) : answer;
  }
}
