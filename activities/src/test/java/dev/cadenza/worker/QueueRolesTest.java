package dev.cadenza.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.cadenza.workflows.TaskQueues;
import dev.cadenza.workflows.credits.CreditsActivities;
import dev.cadenza.workflows.fetch.FetchActivities;
import dev.cadenza.workflows.generation.GenerationActivities;
import dev.cadenza.workflows.media.MediaActivities;
import dev.cadenza.workflows.media.StagedFile;
import dev.cadenza.workflows.publication.PublicationActivities;
import dev.cadenza.workflows.song.SongGenerationWorkflow;
import dev.cadenza.workflows.song.SongInput;
import dev.cadenza.workflows.song.SongOutput;
import dev.cadenza.workflows.song.SongRequest;
import dev.cadenza.workflows.storage.StorageActivities;
import dev.cadenza.workflows.storage.StoredAsset;
import dev.cadenza.workflows.text.Categorization;
import dev.cadenza.workflows.text.TextActivities;
import dev.cadenza.workflows.upload.UploadActivities;
import dev.cadenza.workflows.visibility.GenerationSearchAttributes;
import dev.cadenza.workflows.webhook.WebhookActivities;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * A process's role is the set of task queues it polls. Each "process" here is a Spring context
 * of the real wiring ({@link QueueWorkers} and the four queue classes) with its own {@link
 * WorkerFactory} and its own mocked activities, on one Temporal test server: a song with the
 * user's own prompt and lyrics runs its GPU steps on the GPU-only process while its LLM and I/O
 * steps wait in their queues until a process polling them starts.
 */
class QueueRolesTest {
  private static final String GENERATION = "gen_roles1";

  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void startServer() {
    env = TestWorkflowEnvironment.newInstance();
    GenerationSearchAttributes.ALL.forEach(
        key -> env.registerSearchAttribute(key.getName(), key.getValueType()));
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stopServer() {
    env.close();
  }

  @Test
  void aProcessPollingOnlyTheGpuQueueRunsTheGpuStepsAndNothingElse() throws Exception {
    try (Process workflows = new Process("workflows");
        Process gpu = new Process("gpu")) {
      assertThat(workflows.polled()).containsExactly(TaskQueues.GENERATIONS);
      assertThat(gpu.polled()).containsExactly(TaskQueues.GPU);

      SongGenerationWorkflow song = client.newWorkflowStub(
          SongGenerationWorkflow.class,
          WorkflowOptions.newBuilder()
              .setWorkflowId(SongGenerationWorkflow.ID_PREFIX + GENERATION)
              .setTaskQueue(TaskQueues.GENERATIONS)
              .build());
      WorkflowClient.start(song::generate, ownPromptAndLyrics());

      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        verify(gpu.media).generateAudio(any());
        verify(gpu.media).generateCover(any());
      });
      // The LLM step is next; nobody polls its queue yet, so it stays there, never started.
      awaitWaiting("Categorize");
      gpu.verifyRanOnlyGpuSteps();

      try (Process llm = new Process("llm")) {
        await()
            .atMost(Duration.ofSeconds(20))
            .untilAsserted(() -> verify(llm.text).categorize(any()));
        awaitWaiting("StoreOutputs");
        verifyNoInteractions(llm.media, llm.storage, llm.credits, llm.generations);

        try (Process io = new Process("io")) {
          SongOutput output =
              WorkflowStub.fromTyped(song).getResult(30, TimeUnit.SECONDS, SongOutput.class);

          assertThat(output.title()).isEqualTo("Rain on the Window");
          verify(io.storage).storeOutputs(any());
          verifyNoInteractions(io.media, io.text);
        }
      }
      gpu.verifyRanOnlyGpuSteps();
      // The workflow process ran the hold and its capture as local activities, no other step.
      verify(workflows.credits).reserveCredits(any());
      verify(workflows.credits).captureCredits(GENERATION);
      verifyNoInteractions(workflows.media, workflows.text, workflows.storage);
    }
  }

  @Test
  void aRoleIsAnySetOfQueuesOrNoneAndAnythingElseIsRefusedAtStart() {
    try (Process all = new Process("workflows, gpu,llm,io")) {
      assertThat(all.polled())
          .containsExactly(TaskQueues.GENERATIONS, TaskQueues.GPU, TaskQueues.LLM, TaskQueues.IO);
    }
    try (Process activities = new Process("io,llm,gpu,io")) {
      assertThat(activities.polled())
          .containsExactly(TaskQueues.IO, TaskQueues.LLM, TaskQueues.GPU);
    }
    try (Process apiOnly = new Process("none")) {
      assertThat(apiOnly.polled()).isEmpty();
    }
    assertThatThrownBy(() -> new Process("workflows,gpus"))
        .isInstanceOf(BeanCreationException.class)
        .rootCause()
        .hasMessageContaining("[gpus]")
        .hasMessageContaining("[gpu, io, llm, workflows]");
    // The profiles that were roles before would otherwise poll every queue without a word.
    assertThatThrownBy(() -> new Process("workflows,gpu,llm,io", "activity-worker"))
        .isInstanceOf(BeanCreationException.class)
        .rootCause()
        .hasMessageContaining("APP_WORKER_QUEUES");
  }

  private SongRequest ownPromptAndLyrics() {
    return new SongRequest(
        GENERATION,
        "usr_roles",
        10,
        new SongInput(null, "lo-fi, rain", "[Verse]\nrain", null, false, 20, 7.5, 42),
        2);
  }

  /** The step is scheduled on its queue and no worker has taken it. */
  private void awaitWaiting(String activityType) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(pending()).anySatisfy(activity -> {
          assertThat(activity.getActivityType().getName()).isEqualTo(activityType);
          assertThat(activity.getState())
              .isEqualTo(PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED);
        }));
  }

  private List<PendingActivityInfo> pending() {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
            .setNamespace(client.getOptions().getNamespace())
            .setExecution(WorkflowExecution.newBuilder()
                .setWorkflowId(SongGenerationWorkflow.ID_PREFIX + GENERATION))
            .build())
        .getPendingActivitiesList();
  }

  private static <T> T mocked(Class<T> type) {
    return mock(type, withSettings().withoutAnnotations());
  }

  /** One worker process: the production wiring with this role, its own activity mocks. */
  private final class Process implements AutoCloseable {
    final CreditsActivities credits = mocked(CreditsActivities.class);
    final GenerationActivities generations = mocked(GenerationActivities.class);
    final StorageActivities storage = mocked(StorageActivities.class);
    final MediaActivities media = mocked(MediaActivities.class);
    final TextActivities text = mocked(TextActivities.class);
    final FetchActivities fetch = mocked(FetchActivities.class);
    final PublicationActivities publications = mocked(PublicationActivities.class);
    final WebhookActivities webhooks = mocked(WebhookActivities.class);
    final UploadActivities uploads = mocked(UploadActivities.class);
    private final AnnotationConfigApplicationContext context =
        new AnnotationConfigApplicationContext();

    Process(String queues, String... profiles) {
      when(media.generateAudio(any())).thenReturn(staged("audio.wav", "audio/wav"));
      when(media.generateCover(any())).thenReturn(staged("cover.png", "image/png"));
      when(text.categorize(any()))
          .thenReturn(new Categorization("Rain on the Window", List.of("lo-fi")));
      when(storage.storeOutputs(any()))
          .thenReturn(List.of(stored("audio.wav", "audio/wav"), stored("cover.png", "image/png")));
      TestPropertyValues.of("app.worker.queues=" + queues).applyTo(context);
      context.getEnvironment().setActiveProfiles(profiles);
      context.registerBean(WorkflowClient.class, () -> client);
      context.registerBean(
          WorkerFactory.class,
          () -> WorkerFactory.newInstance(client),
          definition -> definition.setDestroyMethodName("shutdownNow"));
      context.registerBean(CreditsActivities.class, () -> credits);
      context.registerBean(GenerationActivities.class, () -> generations);
      context.registerBean(StorageActivities.class, () -> storage);
      context.registerBean(MediaActivities.class, () -> media);
      context.registerBean(TextActivities.class, () -> text);
      context.registerBean(FetchActivities.class, () -> fetch);
      context.registerBean(PublicationActivities.class, () -> publications);
      context.registerBean(WebhookActivities.class, () -> webhooks);
      context.registerBean(UploadActivities.class, () -> uploads);
      context.register(
          WorkerTuning.class,
          QueueWorkers.class,
          WorkflowQueueWorker.class,
          GpuQueueWorker.class,
          LlmQueueWorker.class,
          IoQueueWorker.class);
      try {
        context.refresh();
      } catch (RuntimeException e) {
        context.close();
        throw e;
      }
      // The starter starts its factory once the application is ready.
      context.getBean(WorkerFactory.class).start();
    }

    List<String> polled() {
      return context.getBean(QueueWorkers.PolledQueues.class).workers().stream()
          .map(Worker::getTaskQueue)
          .toList();
    }

    void verifyRanOnlyGpuSteps() {
      verifyNoInteractions(
          credits, generations, storage, text, fetch, publications, webhooks, uploads);
    }

    @Override
    public void close() {
      context.close();
    }
  }

  private static StagedFile staged(String name, String contentType) {
    return new StagedFile(
        "staging/" + GENERATION + "/" + name, name, contentType, 1_000, "ab", Map.of());
  }

  private static StoredAsset stored(String name, String contentType) {
    return new StoredAsset(
        name, "generations/" + GENERATION + "/" + name, contentType, 1_000, "ab", Map.of());
  }
}
