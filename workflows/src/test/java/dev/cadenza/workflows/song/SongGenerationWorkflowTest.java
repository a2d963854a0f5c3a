package dev.cadenza.workflows.song;

import static dev.cadenza.workflows.GenerationMocks.*;
import static dev.cadenza.workflows.song.SongFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.*;

import dev.cadenza.workflows.FailureTypes;
import dev.cadenza.workflows.GenerationMocks;
import dev.cadenza.workflows.credits.CreditsActivities;
import dev.cadenza.workflows.generation.GenerationActivities;
import dev.cadenza.workflows.generation.StepState;
import dev.cadenza.workflows.generation.StepStatus;
import dev.cadenza.workflows.media.MediaActivities;
import dev.cadenza.workflows.storage.StorageActivities;
import dev.cadenza.workflows.text.TextActivities;
import io.temporal.activity.Activity;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.InOrder;
import org.mockito.stubbing.Answer;

class SongGenerationWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      GenerationMocks.extension(SongGenerationWorkflowImpl.class);

  private final GenerationMocks mocks = new GenerationMocks();
  private final CreditsActivities credits = mocks.credits;
  private final GenerationActivities generations = mocks.generations;
  private final TextActivities llm = mocks.llm;
  private final MediaActivities gpu = mocks.gpu;
  private final StorageActivities storage = mocks.storage;

  private WorkflowClient client;
  private String taskQueue;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    this.client = client;
    this.taskQueue = worker.getTaskQueue();
    mocks.register(env, worker, client);
    answerAsASong(mocks);
    env.start();
  }

  @Test
  void describedSongIsWrittenRenderedStoredPublishedAndPaidOnce() {
    SongOutput out = start(describe("a calm lo-fi song about rain"))
        .generate(describe("a calm lo-fi song about rain"));

    assertThat(out.title()).isEqualTo("Rain on the Window");
    assertThat(out.lyrics()).startsWith("[Verse]");
    assertThat(out.audio().storageKey()).isEqualTo("generations/" + ID + "/audio.wav");
    verify(credits).reserveCredits(argThat(h -> h.reservationId().equals(ID) && h.amount() == 10));
    mocks.verifyCapturedOnce(ID);
    verify(generations)
        .publishResult(argThat(r -> r.generationId().equals(ID)
            && r.steps().stream().allMatch(s -> s.status() == StepStatus.SUCCEEDED)));
  }

  @Test
  void ownPromptAndLyricsSkipTheLlm() {
    SongRequest request = ownWords("jazz trio, brushes", "[Verse]\nmy own words");
    SongOutput out = start(request).generate(request);

    assertThat(out.lyrics()).isEqualTo("[Verse]\nmy own words");
    verify(llm, never()).writePrompt(any());
    verify(llm, never()).writeLyrics(any());
    verify(gpu).generateAudio(argThat(a -> a.prompt().equals("jazz trio, brushes")));
  }

  @Test
  void lyricsDescriptionIsWrittenIntoLyricsForTheGivenPrompt() {
    SongRequest request = promptAndBrief("synthwave", "a drive at night");
    start(request).generate(request);

    verify(llm, never()).writePrompt(any());
    verify(llm)
        .writeLyrics(argThat(
            l -> l.description().equals("a drive at night") && l.prompt().equals("synthwave")));
  }

  @Test
  void instrumentalSongsHaveNoLyricsStep() {
    SongRequest request = instrumental("rain");
    SongOutput out = start(request).generate(request);

    assertThat(out.lyrics()).isEqualTo("[instrumental]");
    verify(llm, never()).writeLyrics(any());
    verify(gpu).generateAudio(argThat(a -> a.lyrics().equals("[instrumental]")));
  }

  @Test
  void transientGpuFailureIsRetriedAndTheSongSucceeds() {
    AtomicInteger calls = new AtomicInteger();
    when(gpu.generateAudio(any())).thenAnswer(inv -> {
      if (calls.incrementAndGet() == 1) {
        throw ApplicationFailure.newFailure("worker unreachable", "Unavailable");
      }
      return audio();
    });
    SongRequest request = describe("rain");
    start(request).generate(request);

    assertThat(calls).hasValue(2);
    verify(credits, times(1)).captureCredits(ID);
    verify(credits, never()).releaseCredits(any());
  }

  @ParameterizedTest
  // The hold is a local activity, which cannot be cancelled half-way: see the next test.
  @ValueSource(
      strings = {
        "writePrompt",
        "writeLyrics",
        "generateAudio",
        "generateCover",
        "categorize",
        "storeOutputs"
      })
  void permanentFailureAtAnyStepReleasesTheHoldOnceAndDiscardsFiles(String step) {
    stub(step, refuse());
    SongRequest request = describe("rain");
    SongGenerationWorkflow workflow = start(request);

    assertThatThrownBy(() -> workflow.generate(request))
        .isInstanceOf(WorkflowFailedException.class);
    mocks.verifyReleasedOnceNothingSpent(ID);
    verify(generations, times(1))
        .recordFailure(argThat(f -> !f.canceled()
            && f.code().equals("CONTENT_REFUSED")
            && stepStatus(f, step) == StepStatus.FAILED));
  }

  @ParameterizedTest
  // The hold is a local activity, which cannot be cancelled half-way: see the next test.
  @ValueSource(
      strings = {
        "writePrompt",
        "writeLyrics",
        "generateAudio",
        "generateCover",
        "categorize",
        "storeOutputs"
      })
  void cancellationDuringAnyStepReleasesTheHoldOnceAndDiscardsFiles(String step) throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    stub(step, blockUntilCancelled(entered));
    SongRequest request = describe("rain");
    SongGenerationWorkflow workflow = start(request);
    WorkflowClient.start(workflow::generate, request);
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    // Let the parallel siblings finish first: the test server gets stuck when a cancel request
    // and an activity completion land in the same workflow task (temporalio/sdk-java#2391).
    Thread.sleep(500);

    WorkflowStub.fromTyped(workflow).cancel();

    assertThatThrownBy(() -> WorkflowStub.fromTyped(workflow).getResult(SongOutput.class))
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
    mocks.verifyReleasedOnceNothingSpent(ID);
    mocks.verifyRecordedFailure(true, step, StepStatus.CANCELED);
  }

  @Test
  void aCancelWhileTheHoldIsWrittenWaitsForItThenReleasesItOnce() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    doAnswer(inv -> {
          entered.countDown();
          Thread.sleep(1500); // a slow database
          return null;
        })
        .when(credits)
        .reserveCredits(any());
    // The next step runs until cancelled, so that the cancel cannot land in the same workflow
    // task as a step's completion (temporalio/sdk-java#2391, a test-server bug).
    stub("writePrompt", blockUntilCancelled(new CountDownLatch(1)));
    SongRequest request = describe("rain");
    SongGenerationWorkflow workflow = start(request);
    WorkflowClient.start(workflow::generate, request);
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    WorkflowStub.fromTyped(workflow).cancel();

    assertThatThrownBy(() -> WorkflowStub.fromTyped(workflow).getResult(SongOutput.class))
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
    InOrder order = inOrder(credits);
    order.verify(credits, times(1)).reserveCredits(any());
    order.verify(credits, times(1)).releaseCredits(ID);
    verify(credits, never()).captureCredits(any());
    verify(storage, times(1)).discardOutputs(ID);
    verify(generations, times(1)).recordFailure(argThat(f -> f.canceled()));
  }

  @Test
  void failedGpuStepStopsItsParallelSiblingBeforeFilesAreDiscarded() {
    AtomicInteger coverStopped = new AtomicInteger();
    when(gpu.generateCover(any())).thenAnswer(inv -> {
      try {
        while (true) {
          Activity.getExecutionContext().heartbeat(null);
          Thread.sleep(20);
        }
      } finally {
        coverStopped.incrementAndGet();
      }
    });
    when(gpu.generateAudio(any())).thenAnswer(inv -> {
      Thread.sleep(200);
      throw ApplicationFailure.newNonRetryableFailure("bad", FailureTypes.INVALID_INPUT);
    });
    doAnswer(inv -> {
          assertThat(coverStopped).as("cover stopped before discard").hasValue(1);
          return null;
        })
        .when(storage)
        .discardOutputs(ID);
    SongRequest request = describe("rain");

    assertThatThrownBy(() -> start(request).generate(request))
        .isInstanceOf(WorkflowFailedException.class);
    verify(storage, times(1)).discardOutputs(ID);
    verify(credits, times(1)).releaseCredits(ID);
  }

  @Test
  void stepsQueryShowsProgressWhileRunning() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    when(gpu.generateAudio(any())).thenAnswer(inv -> {
      entered.countDown();
      release.await();
      return audio();
    });
    SongRequest request = describe("rain");
    SongGenerationWorkflow workflow = start(request);
    WorkflowClient.start(workflow::generate, request);
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    Map<String, StepStatus> steps = workflow.steps().steps().stream()
        .collect(Collectors.toMap(StepState::name, StepState::status));
    release.countDown();

    assertThat(steps)
        .containsEntry("reserveCredits", StepStatus.SUCCEEDED)
        .containsEntry("writePrompt", StepStatus.SUCCEEDED)
        .containsEntry("generateAudio", StepStatus.RUNNING)
        .containsEntry("publishResult", StepStatus.PENDING);
    WorkflowStub.fromTyped(workflow).getResult(SongOutput.class);
  }

  private SongGenerationWorkflow start(SongRequest request) {
    return client.newWorkflowStub(
        SongGenerationWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(SongGenerationWorkflow.ID_PREFIX + request.generationId())
            .setTaskQueue(taskQueue)
            .build());
  }

  private void stub(String step, Answer<?> answer) {
    switch (step) {
      case "reserveCredits" -> doAnswer(answer).when(credits).reserveCredits(any());
      case "writePrompt" -> when(llm.writePrompt(any())).thenAnswer(answer);
      case "writeLyrics" -> when(llm.writeLyrics(any())).thenAnswer(answer);
      case "generateAudio" -> when(gpu.generateAudio(any())).thenAnswer(answer);
      case "generateCover" -> when(gpu.generateCover(any())).thenAnswer(answer);
      case "categorize" -> when(llm.categorize(any())).thenAnswer(answer);
      case "storeOutputs" -> when(storage.storeOutputs(any())).thenAnswer(answer);
      default -> throw new IllegalArgumentException(step);
    }
  }
}
