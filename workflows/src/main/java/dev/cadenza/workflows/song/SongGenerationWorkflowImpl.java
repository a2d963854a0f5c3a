package dev.cadenza.workflows.song;

import static dev.cadenza.workflows.song.SongSteps.*;

import dev.cadenza.workflows.credits.Admission;
import dev.cadenza.workflows.credits.ReserveAnswer;
import dev.cadenza.workflows.generation.ActivityKinds;
import dev.cadenza.workflows.generation.GenerationRun;
import dev.cadenza.workflows.generation.StepTracker;
import dev.cadenza.workflows.generation.StepsSnapshot;
import dev.cadenza.workflows.media.AudioRequest;
import dev.cadenza.workflows.media.ImageRequest;
import dev.cadenza.workflows.media.MediaActivities;
import dev.cadenza.workflows.media.StagedFile;
import dev.cadenza.workflows.storage.StoredAsset;
import dev.cadenza.workflows.text.Categorization;
import dev.cadenza.workflows.text.CategorizeRequest;
import dev.cadenza.workflows.text.LyricsRequest;
import dev.cadenza.workflows.text.PromptRequest;
import dev.cadenza.workflows.text.TextActivities;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.List;

public class SongGenerationWorkflowImpl implements SongGenerationWorkflow {
  static final String INSTRUMENTAL = "[instrumental]";
  static final int COVER_SIZE = 768;

  private final TextActivities llm =
      Workflow.newActivityStub(TextActivities.class, ActivityKinds.LLM);
  private final MediaActivities gpu =
      Workflow.newActivityStub(MediaActivities.class, ActivityKinds.GPU);

  private final GenerationRun run = new GenerationRun(SongSteps.ALL);
  private final StepTracker steps = run.steps();

  @Override
  public SongOutput generate(SongRequest request) {
    return run.execute(request.generationId(), () -> compose(request));
  }

  @Override
  public StepsSnapshot steps() {
    return run.snapshot();
  }

  @Override
  public void laneGranted() {
    run.laneGranted();
  }

  @Override
  public ReserveAnswer reserve(Admission admission) {
    return run.admit(admission);
  }

  private SongOutput compose(SongRequest request) {
    String id = request.generationId();
    SongInput in = request.input();
    run.reserve(
        "song", id, request.userId(), request.cost(), request.maxConcurrent(), request.summary());

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
    List<StoredAsset> stored = run.store(id, List.of(audio.get(), cover.get()));

    SongOutput output = new SongOutput(
        about.title(),
        prompt,
        lyrics,
        about.categories(),
        stored.get(0),
        stored.get(1),
        in.guidanceScale(),
        in.seed());
    return run.deliver(id, () -> output);
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
}
