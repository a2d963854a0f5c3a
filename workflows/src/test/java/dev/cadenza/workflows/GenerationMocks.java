package dev.cadenza.workflows;

import static dev.cadenza.workflows.visibility.GenerationSearchAttributes.*;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.*;

import dev.cadenza.workflows.credits.CreditsActivities;
import dev.cadenza.workflows.fetch.FetchActivities;
import dev.cadenza.workflows.generation.GenerationActivities;
import dev.cadenza.workflows.generation.GenerationFailure;
import dev.cadenza.workflows.generation.StepState;
import dev.cadenza.workflows.generation.StepStatus;
import dev.cadenza.workflows.lane.LaneActivities;
import dev.cadenza.workflows.lane.LaneActivitiesImpl;
import dev.cadenza.workflows.lane.UserLaneWorkflowImpl;
import dev.cadenza.workflows.media.MediaActivities;
import dev.cadenza.workflows.media.StagedFile;
import dev.cadenza.workflows.publication.PublicationActivities;
import dev.cadenza.workflows.storage.StorageActivities;
import dev.cadenza.workflows.storage.StoredAsset;
import dev.cadenza.workflows.text.TextActivities;
import io.temporal.activity.Activity;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.mockito.stubbing.Answer;

/**
 * The activities of every generation workflow as Mockito mocks, registered on a test worker, and
 * the answers and checks the workflow tests share.
 */
public final class GenerationMocks {
  public final CreditsActivities credits = mocked(CreditsActivities.class);
  public final GenerationActivities generations = mocked(GenerationActivities.class);
  public final StorageActivities storage = mocked(StorageActivities.class);
  public final MediaActivities gpu = mocked(MediaActivities.class);
  public final FetchActivities fetch = mocked(FetchActivities.class);
  public final PublicationActivities publisher = mocked(PublicationActivities.class);
  public final TextActivities llm = mocked(TextActivities.class);

  /**
   * A test environment on real time (cancellation tests block inside activities until
   * cancelled) whose heartbeats reach the server quickly, so cancellation reaches activities.
   */
  public static TestWorkflowExtension extension(Class<?>... workflowTypes) {
    return extension(false, workflowTypes);
  }

  /**
   * Like {@link #extension(Class[])}, with time skipping when {@code timeSkipping}: for workflows
   * that wait on timers for hours.
   */
  public static TestWorkflowExtension extension(boolean timeSkipping, Class<?>... workflowTypes) {
    return extensionBuilder(timeSkipping, workflowTypes).build();
  }

  /**
   * The builder of {@link #extension(boolean, Class[])}, for a test that needs more (worker
   * interceptors).
   */
  public static TestWorkflowExtension.Builder extensionBuilder(
      boolean timeSkipping, Class<?>... workflowTypes) {
    return TestWorkflowExtension.newBuilder()
        // Every generation waits for a slot in its user's lane first.
        .setWorkflowTypes(withLane(workflowTypes))
        .registerSearchAttribute(GENERATION_TYPE.getName(), GENERATION_TYPE.getValueType())
        .registerSearchAttribute(USER_ID.getName(), USER_ID.getValueType())
        .registerSearchAttribute(GENERATION_STATUS.getName(), GENERATION_STATUS.getValueType())
        .setDoNotStart(true)
        .setUseTimeskipping(timeSkipping)
        .setWorkerOptions(WorkerOptions.newBuilder()
            .setDefaultHeartbeatThrottleInterval(Duration.ofMillis(50))
            .setMaxHeartbeatThrottleInterval(Duration.ofMillis(50))
            .build());
  }

  /**
   * The mocked activities on their task queues, and the real lane activity (which needs the
   * client) on the workflow worker.
   */
  public void register(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    register(env, worker, new LaneActivitiesImpl(client));
  }

  /** Like {@link #register(TestWorkflowEnvironment, Worker, WorkflowClient)} with this lane. */
  public void register(TestWorkflowEnvironment env, Worker worker, LaneActivities lane) {
    QueueWorkers.register(
        env, worker, credits, generations, storage, gpu, fetch, publisher, llm, lane);
  }

  private static Class<?>[] withLane(Class<?>... workflowTypes) {
    Class<?>[] all = Arrays.copyOf(workflowTypes, workflowTypes.length + 1);
    all[workflowTypes.length] = UserLaneWorkflowImpl.class;
    return all;
  }

  /**
   * Fails non-retryably after the parallel siblings have finished: the test server gets stuck
   * when the workflow cancels an activity whose completion is in the same workflow task
   * (temporalio/sdk-java#2391).
   */
  public static Answer<Object> refuse() {
    return inv -> {
      Thread.sleep(300);
      throw ApplicationFailure.newNonRetryableFailure("refused", FailureTypes.CONTENT_REFUSED);
    };
  }

  /** A long step that heartbeats, as the GPU and LLM steps do, until it is cancelled. */
  public static Answer<Object> blockUntilCancelled(CountDownLatch entered) {
    return inv -> {
      entered.countDown();
      while (true) {
        Activity.getExecutionContext().heartbeat(null);
        Thread.sleep(20);
      }
    };
  }

  /** The hold was released exactly once and never captured; the files were discarded once. */
  public void verifyReleasedOnceNothingSpent(String generationId) {
    verify(credits, times(1)).releaseCredits(generationId);
    verify(credits, never()).captureCredits(any());
    verify(storage, times(1)).discardOutputs(generationId);
    verify(generations, never()).publishResult(any());
  }

  /** Captured exactly once, never released, nothing discarded. */
  public void verifyCapturedOnce(String generationId) {
    verify(credits, times(1)).captureCredits(generationId);
    verify(credits, never()).releaseCredits(any());
    verify(storage, never()).discardOutputs(any());
  }

  /** The failure was recorded once, with {@code step} in {@code status}. */
  public void verifyRecordedFailure(boolean canceled, String step, StepStatus status) {
    verify(generations, times(1))
        .recordFailure(argThat(f -> f.canceled() == canceled && stepStatus(f, step) == status));
  }

  public static StepStatus stepStatus(GenerationFailure failure, String step) {
    return statuses(failure.steps()).get(step);
  }

  public static Map<String, StepStatus> statuses(List<StepState> steps) {
    return steps.stream()
        .collect(Collectors.toMap(StepState::name, StepState::status, (a, b) -> a));
  }

  public static StagedFile staged(String generationId, String name, String contentType) {
    return new StagedFile(
        "staging/" + generationId + "/" + name, name, contentType, 1000, "ab", Map.of());
  }

  public static StoredAsset stored(String generationId, String name, String contentType) {
    return new StoredAsset(
        name, "generations/" + generationId + "/" + name, contentType, 1000, "ab", Map.of());
  }

  private static <T> T mocked(Class<T> type) {
    return mock(type, withSettings().withoutAnnotations());
  }
}
