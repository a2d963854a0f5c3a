package dev.cadenza.workflows.song;

import static dev.cadenza.workflows.song.SongSteps.*;

import dev.cadenza.workflows.credits.CreditHold;
import dev.cadenza.workflows.credits.CreditsActivities;
import dev.cadenza.workflows.generation.ActivityKinds;
import dev.cadenza.workflows.generation.FailureReport;
import dev.cadenza.workflows.generation.GenerationActivities;
import dev.cadenza.workflows.generation.GenerationFailure;
import dev.cadenza.workflows.generation.GenerationResult;
import dev.cadenza.workflows.generation.StepTracker;
import dev.cadenza.workflows.generation.StepsSnapshot;
import dev.cadenza.workflows.media.AudioRequest;
import dev.cadenza.workflows.media.ImageRequest;
import dev.cadenza.workflows.media.MediaActivities;
import dev.cadenza.workflows.media.StagedFile;
import dev.cadenza.workflows.storage.StorageActivities;
import dev.cadenza.workflows.storage.StoreRequest;
import dev.cadenza.workflows.storage.StoredAsset;
import dev.cadenza.workflows.text.Categorization;
import dev.cadenza.workflows.text.CategorizeRequest;
import dev.cadenza.workflows.text.LyricsRequest;
import dev.cadenza.workflows.text.PromptRequest;
import dev.cadenza.workflows.text.TextActivities;
import dev.cadenza.workflows.visibility.GenerationVisibility;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Saga;
import io.temporal.workflow.Workflow;
import java.util.List;

public class SongGenerationWorkflowImpl implements SongGenerationWorkflow {
  static final String INSTRUMENTAL = "[instrumental]";
  static final int COVER_SIZE = 768;

  private final CreditsActivities credits =
      Workflow.newActivityStub(CreditsActivities.class, ActivityKinds.BOOKKEEPING);
  private final GenerationActivities generations =
      Workflow.newActivityStub(GenerationActivities.class, ActivityKinds.BOOKKEEPING);
  private final TextActivities llm =
      Workflow.newActivityStub(TextActivities.class, ActivityKinds.LLM);
  private final MediaActivities gpu =
      Workflow.newActivityStub(MediaActivities.class, ActivityKinds.GPU);
  private final StorageActivities storage =
      Workflow.newActivityStub(StorageActivities.class, ActivityKinds.STORAGE);

  private final StepTracker steps = new StepTracker(SongSteps.ALL);
  private final Saga saga = new Saga(new Saga.Options.Builder().build());

  @Override
  public SongOutput generate(SongRequest request) {
    GenerationVisibility.queued("song", request.userId(), request.cost(), request.summary());
    SongOutput[] result = new SongOutput[1];
    CancellationScope work = Workflow.newCancellationScope(() -> result[0] = compose(request));
    try {
      work.run();
      GenerationVisibility.succeeded();
      return result[0];
    } catch (TemporalFailure failure) {
      work.cancel();
      Workflow.newDetachedCancellationScope(() -> compensate(request, failure)).run();
      throw failure;
    }
  }

  @Override
  public StepsSnapshot steps() {
    return new StepsSnapshot(steps.snapshot());
  }

  private SongOutput compose(SongRequest request) {
    String id = request.generationId();
    SongInput in = request.input();
    // Compensations are registered before the calls they undo (run in reverse order).
    saga.addCompensation(storage::discardOutputs, id);
    saga.addCompensation(credits::releaseCredits, id);
    steps.run(RESERVE, () -> credits.reserveCredits(hold(request)));
    generations.markRunning(id);
    GenerationVisibility.running();

    String prompt = in.prompt() != null
        ? steps.skip(WRITE_PROMPT, in.prompt())
        : steps.run(
            WRITE_PROMPT,
            () ->
                llm.writePrompt(new PromptRequest(request.userId(), in.description(), in.seed())));
    String lyrics = lyrics(request, prompt);

    Promise<StagedFile> audio = steps.runAsync(
        GENERATE_AUDIO,
        () -> gpu.generateAudio(new AudioRequest(
            id,
            request.userId(),
            prompt,
            lyrics,
            in.durationSeconds(),
            in.guidanceScale(),
            in.seed())));
    Promise<StagedFile> cover = steps.runAsync(
        GENERATE_COVER,
        () -> gpu.generateCover(
            new ImageRequest(id, request.userId(), prompt, COVER_SIZE, COVER_SIZE, in.seed())));
    Categorization about = steps.run(
        CATEGORIZE,
        () -> llm.categorize(
            new CategorizeRequest(request.userId(), in.description(), prompt, lyrics, in.seed())));
    List<StoredAsset> stored = steps.run(
        STORE, () -> storage.storeOutputs(new StoreRequest(id, List.of(audio.get(), cover.get()))));

    SongOutput output = new SongOutput(
        about.title(),
        prompt,
        lyrics,
        about.categories(),
        stored.get(0),
        stored.get(1),
        in.guidanceScale(),
        in.seed());
    // The work is done and stored: from here on a cancel is too late, the song is delivered.
    Workflow.newDetachedCancellationScope(() -> {
          steps.run(CAPTURE, () -> credits.captureCredits(id));
          steps.run(
              PUBLISH,
              () -> generations.publishResult(
                  new GenerationResult(id, output, steps.snapshotAfter(PUBLISH))));
        })
        .run();
    return output;
  }

  private String lyrics(SongRequest request, String prompt) {
    SongInput in = request.input();
    if (in.instrumental()) {
      return steps.skip(WRITE_LYRICS, INSTRUMENTAL);
    }
    if (in.lyrics() != null) {
      return steps.skip(WRITE_LYRICS, in.lyrics());
    }
    return steps.run(
        WRITE_LYRICS,
        () -> llm.writeLyrics(
            new LyricsRequest(request.userId(), in.lyricsBrief(), prompt, in.seed())));
  }

  /** Runs once, detached from cancellation: stop what runs, undo, and record why. */
  private void compensate(SongRequest request, TemporalFailure failure) {
    steps.awaitSettled();
    saga.compensate();
    steps.cancelPending();
    FailureReport report = FailureReport.of(failure);
    generations.recordFailure(new GenerationFailure(
        request.generationId(),
        report.canceled(),
        report.code(),
        report.message(),
        steps.snapshot()));
    GenerationVisibility.failed(report.canceled(), report.code());
  }

  private static CreditHold hold(SongRequest request) {
    return new CreditHold(
        request.generationId(), request.userId(), request.cost(), "song " + request.generationId());
  }
}
