package dev.cadenza.workflows.song;

import static dev.cadenza.workflows.song.SongFixtures.*;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.*;

import dev.cadenza.workflows.FailureTypes;
import dev.cadenza.workflows.GenerationMocks;
import dev.cadenza.workflows.credits.Admission;
import dev.cadenza.workflows.credits.AdmittedGeneration;
import dev.cadenza.workflows.credits.ReserveAnswer;
import dev.cadenza.workflows.credits.ReserveUpdate;
import dev.cadenza.workflows.generation.GenerationType;
import dev.cadenza.workflows.lane.UserLaneWorkflowImpl;
import dev.cadenza.workflows.visibility.GenerationSearchAttributes;
import dev.cadenza.workflows.visibility.StepSummaries;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

  /**
   * Songs started as the API starts them: with their {@code reserve} update. {@code
   * -Dtest=SongHistoryRecorder#recordReserveUpdate -DrecordHistories=true}.
   */
  @Test
  void recordReserveUpdate() throws Exception {
    record("song-reserve-update-succeeded.json", false, ReserveAnswer.held(90));
    record("song-reserve-update-refused.json", false, ReserveAnswer.refused(5));
  }

  private void record(String file, boolean failAudio) throws Exception {
    record(file, failAudio, null);
  }

  /** @param answer what the reserve update answers; null: started without the update */
  private void record(String file, boolean failAudio, ReserveAnswer answer) throws Exception {
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
      GenerationMocks mocks = new GenerationMocks();
      answerAsASong(mocks);
      if (failAudio) {
        when(mocks.gpu.generateAudio(any()))
            .thenThrow(
                ApplicationFailure.newNonRetryableFailure("bad input", FailureTypes.INVALID_INPUT));
      }
      when(mocks.credits.admit(any())).thenReturn(answer);
      mocks.register(env, worker, env.getWorkflowClient());
      env.start();
      WorkflowOptions.Builder start = WorkflowOptions.newBuilder()
          .setWorkflowId(GenerationType.SONG.workflowId(ID))
          .setTaskQueue("replay");
      if (answer != null) {
        start
            .setWorkflowIdConflictPolicy(
                WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
            .setMemo(Map.of(ReserveUpdate.MEMO, ReserveUpdate.MEMO_VALUE));
      }
      SongGenerationWorkflow workflow =
          env.getWorkflowClient().newWorkflowStub(SongGenerationWorkflow.class, start.build());
      SongRequest request = describe("a calm lo-fi song about rain");
      try {
        if (answer != null) {
          WorkflowClient.executeUpdateWithStart(
              workflow::reserve,
              new Admission(List.of(new AdmittedGeneration(
                  ID,
                  request.userId(),
                  GenerationType.SONG,
                  GenerationType.SONG.workflowId(ID),
                  "{}",
                  request.cost(),
                  null,
                  null,
                  null))),
              UpdateOptions.<ReserveAnswer>newBuilder()
                  .setWaitForStage(WorkflowUpdateStage.COMPLETED)
                  .build(),
              new WithStartWorkflowOperation<>(workflow::generate, request));
          WorkflowStub.fromTyped(workflow).getResult(SongOutput.class);
        } else {
          workflow.generate(request);
        }
      } catch (RuntimeException expectedForFailure) {
        // the failed history is what we want
      }
      WorkflowClient client = env.getWorkflowClient();
      Files.createDirectories(DIR);
      Files.writeString(
          DIR.resolve(file),
          client.fetchHistory(GenerationType.SONG.workflowId(ID)).toJson(true));
    }
  }
}
