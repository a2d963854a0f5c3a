package dev.cadenza.workflows.song;

import static dev.cadenza.workflows.song.SongFixtures.*;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.*;

import dev.cadenza.workflows.FailureTypes;
import dev.cadenza.workflows.QueueWorkers;
import dev.cadenza.workflows.credits.CreditsActivities;
import dev.cadenza.workflows.generation.GenerationActivities;
import dev.cadenza.workflows.lane.LaneActivitiesImpl;
import dev.cadenza.workflows.lane.UserLaneWorkflowImpl;
import dev.cadenza.workflows.media.MediaActivities;
import dev.cadenza.workflows.storage.StorageActivities;
import dev.cadenza.workflows.text.TextActivities;
import dev.cadenza.workflows.visibility.GenerationSearchAttributes;
import dev.cadenza.workflows.visibility.StepSummaries;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the histories the replay test checks. Run it after an intended, versioned change of
 * the workflow (keep the older histories: running workflows recorded them), renaming the files: {@code ./mvnw -pl workflows test -Dtest=SongHistoryRecorder -DrecordHistories=true}.
 */
@EnabledIfSystemProperty(named = "recordHistories", matches = "true")
class SongHistoryRecorder {
  static final Path DIR = Path.of("src/test/resources/histories");

  @Test
  void record() throws Exception {
    record("song-succeeded.json", false);
    record("song-failed.json", true);
  }

  private void record(String file, boolean failAudio) throws Exception {
    TestEnvironmentOptions options = TestEnvironmentOptions.newBuilder()
        .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder()
            .setWorkerInterceptors(new StepSummaries())
            .build())
        .build();
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(options)) {
      GenerationSearchAttributes.ALL.forEach(
          key -> env.registerSearchAttribute(key.getName(), key.getValueType()));
      Worker worker = env.newWorker("replay");
      worker.registerWorkflowImplementationTypes(
          SongGenerationWorkflowImpl.class, UserLaneWorkflowImpl.class);
      TextActivities llm = mock(TextActivities.class, withSettings().withoutAnnotations());
      MediaActivities gpu = mock(MediaActivities.class, withSettings().withoutAnnotations());
      StorageActivities storage =
          mock(StorageActivities.class, withSettings().withoutAnnotations());
      when(llm.writePrompt(any())).thenReturn("lo-fi, rain, 72 bpm");
      when(llm.writeLyrics(any())).thenReturn("[Verse]\nrain");
      when(llm.categorize(any())).thenReturn(categorization());
      when(gpu.generateCover(any())).thenReturn(cover());
      when(storage.storeOutputs(any())).thenReturn(stored());
      if (failAudio) {
        when(gpu.generateAudio(any()))
            .thenThrow(
                ApplicationFailure.newNonRetryableFailure("bad input", FailureTypes.INVALID_INPUT));
      } else {
        when(gpu.generateAudio(any())).thenReturn(audio());
      }
      QueueWorkers.register(
          env,
          worker,
          mock(CreditsActivities.class, withSettings().withoutAnnotations()),
          mock(GenerationActivities.class, withSettings().withoutAnnotations()),
          llm,
          gpu,
          storage,
          new LaneActivitiesImpl(env.getWorkflowClient()));
      env.start();
      SongGenerationWorkflow workflow = env.getWorkflowClient()
          .newWorkflowStub(
              SongGenerationWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId("song-" + ID)
                  .setTaskQueue("replay")
                  .build());
      try {
        workflow.generate(describe("a calm lo-fi song about rain"));
      } catch (RuntimeException expectedForFailure) {
        // the failed history is what we want
      }
      WorkflowClient client = env.getWorkflowClient();
      Files.createDirectories(DIR);
      Files.writeString(DIR.resolve(file), client.fetchHistory("song-" + ID).toJson(true));
    }
  }
}
