package dev.cadenza.workflows.render;

import static dev.cadenza.workflows.GenerationMocks.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.*;

import dev.cadenza.workflows.FailureTypes;
import dev.cadenza.workflows.GenerationMocks;
import dev.cadenza.workflows.fetch.Source;
import dev.cadenza.workflows.fetch.SourceKind;
import dev.cadenza.workflows.generation.StepStatus;
import dev.cadenza.workflows.media.RenderedVideo;
import dev.cadenza.workflows.media.StagedFile;
import dev.cadenza.workflows.publication.PublicationRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.stubbing.Answer;

class RenderWorkflowTest {
  static final String ID = "gen_render1";
  static final String PICTURE = "https://example.com/logo.png";
  static final String SONG = "https://example.com/song.wav";

  @RegisterExtension
  static final TestWorkflowExtension temporal = GenerationMocks.extension(RenderWorkflowImpl.class);

  private final GenerationMocks mocks = new GenerationMocks();
  private WorkflowClient client;
  private String taskQueue;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    this.client = client;
    this.taskQueue = worker.getTaskQueue();
    mocks.register(env, worker, client);
    when(mocks.fetch.fetchSources(any()))
        .thenReturn(List.of(
            staged(ID, "source-0.png", "image/png"), staged(ID, "source-1.wav", "audio/wav")));
    when(mocks.gpu.renderVideo(any()))
        .thenReturn(new RenderedVideo(
            staged(ID, "video.mp4", "video/mp4"), staged(ID, "thumbnail.png", "image/png")));
    when(mocks.storage.storeOutputs(any()))
        .thenReturn(List.of(
            stored(ID, "video.mp4", "video/mp4"), stored(ID, "thumbnail.png", "image/png")));
    when(mocks.publisher.publishToTarget(any()))
        .thenAnswer(
            inv -> Publication.delivered(inv.<PublicationRequest>getArgument(0).target(), 204));
    env.start();
  }

  @Test
  void theTimelineIsFetchedRenderedStoredPaidAndPublished() {
    RenderOutput out = start().generate(request(List.of(target("https://a.example/hook"))));

    assertThat(out.video().storageKey()).isEqualTo("generations/" + ID + "/video.mp4");
    assertThat(out.thumbnail().contentType()).isEqualTo("image/png");
    assertThat(out.publications()).singleElement().satisfies(p -> {
      assertThat(p.status()).isEqualTo(Publication.DELIVERED);
      assertThat(p.responseStatus()).isEqualTo(204);
    });
    verify(mocks.fetch)
        .fetchSources(argThat(s -> s.sources()
            .equals(List.of(
                new Source(PICTURE, SourceKind.IMAGE), new Source(SONG, SourceKind.AUDIO)))));
    verify(mocks.gpu)
        .renderVideo(argThat(r -> r.staged().size() == 2 && r.timeline().fps() == 24));
    mocks.verifyCapturedOnce(ID);
    verify(mocks.generations)
        .publishResult(argThat(r -> ((RenderOutput) r.output()).publications().size() == 1
            && r.steps().stream().allMatch(s -> s.status() == StepStatus.SUCCEEDED)));
  }

  @Test
  void aFailedPublicationIsReportedAndTheRenderStillSucceeds() {
    doThrow(ApplicationFailure.newNonRetryableFailure(
            "The target answered 410.", FailureTypes.INVALID_INPUT))
        .when(mocks.publisher)
        .publishToTarget(argThat(p -> p.index() == 1));
    RenderOutput out = start()
        .generate(
            request(List.of(target("https://a.example/ok"), target("https://b.example/gone"))));

    assertThat(out.publications())
        .extracting(Publication::status)
        .containsExactly(Publication.DELIVERED, Publication.FAILED);
    assertThat(out.publications().get(1).error()).isEqualTo("The target answered 410.");
    assertThat(out.publications().get(1).url()).isEqualTo("https://b.example/gone");
    mocks.verifyCapturedOnce(ID);
    verify(mocks.generations, never()).recordFailure(any());
    verify(mocks.generations).publishResult(any());
  }

  @Test
  void aPublicationFailingTransientlyIsRetriedUntilItIsDelivered() {
    AtomicInteger calls = new AtomicInteger();
    doAnswer(inv -> {
          if (calls.incrementAndGet() < 3) {
            throw ApplicationFailure.newFailure("The target answered 503.", "DeliveryFailed");
          }
          return Publication.delivered(inv.<PublicationRequest>getArgument(0).target(), 200);
        })
        .when(mocks.publisher)
        .publishToTarget(any());
    RenderOutput out = start().generate(request(List.of(target("https://a.example/flaky"))));

    assertThat(calls).hasValue(3);
    assertThat(out.publications().get(0).status()).isEqualTo(Publication.DELIVERED);
  }

  @Test
  void aTimelineWithoutSourcesSkipsTheFetchAndNoTargetsSkipsPublishing() {
    Timeline plain = new Timeline(
        320,
        240,
        24,
        2,
        List.of(
            new TimelineTrack("video", List.of(new TimelineClip(0, 2, null, null, "#102030")))));
    start().generate(new RenderRequest(ID, "usr_1", 5, new RenderInput(plain, List.of()), 2));

    verify(mocks.fetch, never()).fetchSources(any());
    verify(mocks.publisher, never()).publishToTarget(any());
    verify(mocks.generations)
        .publishResult(argThat(r -> statuses(r.steps()).get("fetchSources") == StepStatus.SKIPPED
            && statuses(r.steps()).get("publishToTarget") == StepStatus.SKIPPED));
  }

  @Test
  void uploadedClipsGoToTheRenderAsStoredWhileOnlyUrlsAreFetched() {
    StagedFile movie =
        new StagedFile("uploads/upl_1.mp4", "upload-upl_1.mp4", "video/mp4", 5000, "cd", Map.of());
    StagedFile song =
        new StagedFile("uploads/upl_2.wav", "upload-upl_2.wav", "audio/wav", 3000, "ef", Map.of());
    Timeline timeline = new Timeline(
        320,
        240,
        24,
        2,
        List.of(
            new TimelineTrack(
                "video",
                List.of(
                    new TimelineClip(0, 1, null, null, null, movie),
                    new TimelineClip(1, 1, null, null, null, movie))),
            new TimelineTrack("image", List.of(new TimelineClip(0, 1, null, PICTURE, null))),
            new TimelineTrack("audio", List.of(new TimelineClip(0, 2, null, null, null, song)))));
    when(mocks.fetch.fetchSources(any()))
        .thenReturn(List.of(staged(ID, "source-0.png", "image/png")));
    start().generate(new RenderRequest(ID, "usr_1", 5, new RenderInput(timeline, List.of()), 2));

    verify(mocks.fetch)
        .fetchSources(argThat(
            s -> s.sources().equals(List.of(new Source(PICTURE, SourceKind.IMAGE)))));
    verify(mocks.gpu)
        .renderVideo(argThat(
            r -> r.staged().size() == 1 && r.timeline().uploads().equals(List.of(movie, song))));
    mocks.verifyCapturedOnce(ID);
  }

  @Test
  void aTimelineOfUploadsOnlyFetchesNothing() {
    StagedFile song =
        new StagedFile("uploads/upl_2.wav", "upload-upl_2.wav", "audio/wav", 3000, "ef", Map.of());
    Timeline timeline = new Timeline(
        320,
        240,
        24,
        2,
        List.of(
            new TimelineTrack("video", List.of(new TimelineClip(0, 2, null, null, "#000"))),
            new TimelineTrack("audio", List.of(new TimelineClip(0, 2, null, null, null, song)))));
    start().generate(new RenderRequest(ID, "usr_1", 5, new RenderInput(timeline, List.of()), 2));

    verify(mocks.fetch, never()).fetchSources(any());
    verify(mocks.gpu)
        .renderVideo(argThat(r -> r.staged().isEmpty()
            && r.sources().isEmpty()
            && r.timeline().uploads().equals(List.of(song))));
    verify(mocks.generations)
        .publishResult(argThat(r -> statuses(r.steps()).get("fetchSources") == StepStatus.SKIPPED));
  }

  @ParameterizedTest
  @ValueSource(strings = {"reserveCredits", "fetchSources", "renderVideo", "storeOutputs"})
  void aFailureAtAnyStepReleasesTheHoldOnce(String step) {
    stub(step, refuse());

    assertThatThrownBy(() -> start().generate(request(List.of(target("https://a.example/x")))))
        .isInstanceOf(WorkflowFailedException.class);
    mocks.verifyReleasedOnceNothingSpent(ID);
    mocks.verifyRecordedFailure(false, step, StepStatus.FAILED);
    verify(mocks.publisher, never()).publishToTarget(any());
  }

  @ParameterizedTest
  @ValueSource(strings = {"fetchSources", "renderVideo", "storeOutputs"})
  void cancellationDuringAnyStepReleasesTheHoldOnce(String step) throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    stub(step, blockUntilCancelled(entered));
    RenderWorkflow workflow = start();
    WorkflowClient.start(workflow::generate, request(List.of(target("https://a.example/x"))));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(300); // clear of temporalio/sdk-java#2391

    WorkflowStub.fromTyped(workflow).cancel();

    assertThatThrownBy(() -> WorkflowStub.fromTyped(workflow).getResult(RenderOutput.class))
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
    mocks.verifyReleasedOnceNothingSpent(ID);
    mocks.verifyRecordedFailure(true, step, StepStatus.CANCELED);
    verify(mocks.publisher, never()).publishToTarget(any());
  }

  @Test
  void aCancelWhilePublishingIsTooLateTheRenderIsDeliveredAndPaid() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    doAnswer(inv -> {
          entered.countDown();
          release.await();
          return Publication.delivered(inv.<PublicationRequest>getArgument(0).target(), 200);
        })
        .when(mocks.publisher)
        .publishToTarget(any());
    RenderWorkflow workflow = start();
    WorkflowClient.start(workflow::generate, request(List.of(target("https://a.example/slow"))));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(300);

    WorkflowStub.fromTyped(workflow).cancel();
    release.countDown();

    // The SDK closes a cancel-requested execution as canceled whatever it returns; what the user
    // sees is the read model: the render was delivered, published and paid for once.
    assertThatThrownBy(() -> WorkflowStub.fromTyped(workflow).getResult(RenderOutput.class))
        .isInstanceOf(WorkflowFailedException.class);
    mocks.verifyCapturedOnce(ID);
    verify(mocks.generations, never()).recordFailure(any());
    verify(mocks.generations)
        .publishResult(argThat(r -> ((RenderOutput) r.output())
            .publications()
            .get(0)
            .status()
            .equals(Publication.DELIVERED)));
  }

  private void stub(String step, Answer<Object> answer) {
    switch (step) {
      case "reserveCredits" -> doAnswer(answer).when(mocks.credits).reserveCredits(any());
      case "fetchSources" -> when(mocks.fetch.fetchSources(any())).thenAnswer(answer);
      case "renderVideo" -> when(mocks.gpu.renderVideo(any())).thenAnswer(answer);
      case "storeOutputs" -> when(mocks.storage.storeOutputs(any())).thenAnswer(answer);
      default -> throw new IllegalArgumentException(step);
    }
  }

  static RenderRequest request(List<PublishTarget> targets) {
    Timeline timeline = new Timeline(
        640,
        360,
        24,
        4,
        List.of(
            new TimelineTrack("video", List.of(new TimelineClip(0, 4, null, null, "#000033"))),
            new TimelineTrack("image", List.of(new TimelineClip(1, 2, null, PICTURE, null))),
            new TimelineTrack("text", List.of(new TimelineClip(0, 4, "Hello", null, null))),
            new TimelineTrack(
                "audio",
                List.of(
                    new TimelineClip(0, 2, null, SONG, null),
                    new TimelineClip(2, 2, null, SONG, null)))));
    return new RenderRequest(ID, "usr_1", 5, new RenderInput(timeline, targets), 2);
  }

  static PublishTarget target(String url) {
    return new PublishTarget("webhook", url);
  }

  private RenderWorkflow start() {
    return client.newWorkflowStub(
        RenderWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(RenderWorkflow.ID_PREFIX + ID)
            .setTaskQueue(taskQueue)
            .build());
  }
}
