package dev.cadenza.workflows.song;

import static dev.cadenza.workflows.song.SongSteps.*;

import dev.cadenza.workflows.generation.ActivityKinds;
import dev.cadenza.workflows.generation.GenerationType;
import dev.cadenza.workflows.generation.GenerationWorkflowShell;
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
import io.temporal.workflow.Functions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.List;

public class SongGenerationWorkflowImpl extends GenerationWorkflowShell<SongRequest, SongOutput>
    implements SongGenerationWorkflow {
  static final String INSTRUMENTAL = "[instrumental]";
  static final int COVER_SIZE = 768;

  private final TextActivities llm =
      Workflow.newActivityStub(TextActivities.class, ActivityKinds.LLM);
  private final MediaActivities gpu =
      Workflow.newActivityStub(MediaActivities.class, ActivityKinds.GPU);

  public SongGenerationWorkflowImpl() {
    super(GenerationType.SONG, SongSteps.ALL);
  }

  @Override
  public SongOutput generate(SongRequest request) {
    return execute(request);
  }

  @Override
  protected Functions.Func<SongOutput> work(SongRequest request) {
    String id = request.generationId();
    SongInput in = request.input();
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
    List<StoredAsset> stored = store(id, List.of(audio.get(), cover.get()));

    SongOutput output = new SongOutput(
        about.title(),
        prompt,
        lyrics,
        about.categories(),
        stored.get(0),
        stored.get(1),
        in.guidanceScale(),
        in.seed());
    return () -> output;
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
