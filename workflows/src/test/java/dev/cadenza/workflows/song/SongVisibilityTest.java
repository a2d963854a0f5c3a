package dev.cadenza.workflows.song;

import static dev.cadenza.workflows.GenerationMocks.*;
import static dev.cadenza.workflows.song.SongFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.*;

import dev.cadenza.workflows.GenerationMocks;
import dev.cadenza.workflows.media.MediaActivities;
import dev.cadenza.workflows.visibility.StepSummaries;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an operator sees of a song in the Temporal UI: search attributes that follow its status,
 * a memo with a summary free of user content, and activities whose summaries name their step.
 * Read back from the server with {@code DescribeWorkflowExecution} and the history.
 */
class SongVisibilityTest {
  private static final String DESCRIPTION = "a secret song about my neighbour";

  @RegisterExtension
  static final TestWorkflowExtension temporal = GenerationMocks.extensionBuilder(
          false, SongGenerationWorkflowImpl.class)
      .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder()
          .setWorkerInterceptors(new StepSummaries())
          .build())
      .build();

  private final GenerationMocks mocks = new GenerationMocks();
  private final MediaActivities gpu = mocks.gpu;

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private String taskQueue;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    this.env = env;
    this.client = client;
    this.taskQueue = worker.getTaskQueue();
    mocks.register(env, worker, client);
    answerAsASong(mocks);
    env.start();
  }

  @Test
  void runningSongIsFoundByTypeUserAndStatusWithASummaryMemo() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    when(gpu.generateAudio(any())).thenAnswer(inv -> {
      entered.countDown();
      release.await();
      return audio();
    });
    SongRequest request = describe(DESCRIPTION);
    SongGenerationWorkflow workflow = start(request);
    WorkflowClient.start(workflow::generate, request);
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    WorkflowExecutionInfo running = describeExecution();
    release.countDown();

    assertThat(searchAttributes(running))
        .containsEntry("GenerationType", "song")
        .containsEntry("UserId", "usr_1")
        .containsEntry("GenerationStatus", "running");
    assertThat(memo(running))
        .containsEntry("summary", "song, 20 s, from a description, 10 credits")
        .containsEntry("cost", "10")
        .doesNotContainKey("outcome");
  }

  @Test
  void succeededSongShowsItsOutcomeAndNoUserContent() {
    SongRequest request = describe(DESCRIPTION);
    start(request).generate(request);

    WorkflowExecutionInfo done = describeExecution();
    assertThat(searchAttributes(done)).containsEntry("GenerationStatus", "succeeded");
    assertThat(memo(done)).containsEntry("outcome", "succeeded");
    assertThat(done.getMemo().toString() + done.getSearchAttributes().toString())
        .doesNotContain("neighbour")
        .doesNotContain("rain");
  }

  @Test
  void failedSongShowsFailedWithItsCode() {
    // Fails after the parallel cover finished (temporalio/sdk-java#2391).
    when(gpu.generateAudio(any())).thenAnswer(refuse());
    SongRequest request = describe(DESCRIPTION);

    assertThatThrownBy(() -> start(request).generate(request))
        .isInstanceOf(WorkflowFailedException.class);

    WorkflowExecutionInfo done = describeExecution();
    assertThat(searchAttributes(done)).containsEntry("GenerationStatus", "failed");
    assertThat(memo(done)).containsEntry("outcome", "failed: CONTENT_REFUSED");
  }

  @Test
  void canceledSongShowsCanceled() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    when(gpu.generateAudio(any())).thenAnswer(blockUntilCancelled(entered));
    SongRequest request = describe(DESCRIPTION);
    SongGenerationWorkflow workflow = start(request);
    WorkflowClient.start(workflow::generate, request);
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(500); // let the siblings finish first (temporalio/sdk-java#2391)

    WorkflowStub.fromTyped(workflow).cancel();
    assertThatThrownBy(() -> WorkflowStub.fromTyped(workflow).getResult(SongOutput.class))
        .isInstanceOf(WorkflowFailedException.class);

    WorkflowExecutionInfo done = describeExecution();
    assertThat(searchAttributes(done)).containsEntry("GenerationStatus", "canceled");
    assertThat(memo(done)).containsEntry("outcome", "canceled");
  }

  @Test
  void everyScheduledActivityCarriesASummaryNamingItsStep() {
    SongRequest request = describe(DESCRIPTION);
    start(request).generate(request);

    // Ordinary activities on their scheduled events, local ones on their markers.
    List<String> summaries = client.fetchHistory(workflowId()).getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
            || (e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED
                && e.getMarkerRecordedEventAttributes().getMarkerName().equals("LocalActivity")))
        .map(e -> string(e.getUserMetadata().getSummary()))
        .toList();

    assertThat(summaries)
        .contains(
            "reserveCredits: hold the credits it costs",
            "writePrompt: LLM writes the style prompt",
            "generateAudio: render the audio on a GPU worker",
            "generateCover: paint the cover art on a GPU worker",
            "publishResult: write the result for the user",
            "joinLane: take a place in the user's lane of concurrent generations")
        .hasSize(11); // ten steps and the lane
  }

  @Test
  void theWaitForASlotInTheUsersLaneIsNamedNotJustATimerId() {
    SongRequest request = describe(DESCRIPTION);
    start(request).generate(request);

    List<String> timers = client.fetchHistory(workflowId()).getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED)
        .map(e -> e.getUserMetadata().hasSummary() ? string(e.getUserMetadata().getSummary()) : "")
        .toList();

    assertThat(timers)
        .containsExactly(
            "wait for a slot in the user's lane (signal laneGranted; joins again after 5 min)");
  }

  private WorkflowExecutionInfo describeExecution() {
    return env.getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
            .setNamespace(env.getNamespace())
            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId()))
            .build())
        .getWorkflowExecutionInfo();
  }

  private static Map<String, String> searchAttributes(WorkflowExecutionInfo info) {
    return info.getSearchAttributes().getIndexedFieldsMap().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> keyword(e.getKey(), e.getValue())));
  }

  private static String keyword(String name, Payload payload) {
    SearchAttributeKey<String> key = SearchAttributeKey.forKeyword(name);
    return DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
        payload, key.getValueClass().asSubclass(String.class), key.getValueReflectType());
  }

  private static Map<String, String> memo(WorkflowExecutionInfo info) {
    return info.getMemo().getFieldsMap().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(decode(e.getValue()))));
  }

  private static Object decode(Payload payload) {
    return DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, Object.class, Object.class);
  }

  private static String string(Payload payload) {
    return DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, String.class, String.class);
  }

  private SongGenerationWorkflow start(SongRequest request) {
    return client.newWorkflowStub(
        SongGenerationWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId())
            .setTaskQueue(taskQueue)
            .setWorkflowRunTimeout(Duration.ofMinutes(1))
            .build());
  }

  private static String workflowId() {
    return SongGenerationWorkflow.ID_PREFIX + ID;
  }
}
