package dev.cadenza.workflows.render;

import static dev.cadenza.workflows.GenerationMocks.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.*;

import dev.cadenza.workflows.GenerationMocks;
import dev.cadenza.workflows.media.RenderedVideo;
import dev.cadenza.workflows.publication.PublicationChange;
import dev.cadenza.workflows.publication.PublicationRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Publications with {@code at}, on the test server's skipped time. */
class ScheduledPublicationWorkflowTest {
  static final String ID = RenderWorkflowTest.ID;

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      GenerationMocks.extension(true, RenderWorkflowImpl.class);

  private final GenerationMocks mocks = new GenerationMocks();
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private String taskQueue;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    this.env = env;
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
    when(mocks.publisher.publishToTarget(any())).thenAnswer(inv -> {
      PublicationRequest request = inv.getArgument(0);
      return Publication.delivered(request.target(), 204);
    });
    env.start();
  }

  @Test
  void aScheduledPublicationWaitsForItsTimeAfterTheGenerationSucceeded() {
    Instant at = now().plus(Duration.ofHours(1));
    RenderWorkflow workflow = start();
    WorkflowClient.start(
        workflow::generate,
        RenderWorkflowTest.request(List.of(
            RenderWorkflowTest.target("https://a.example/now"),
            at("https://b.example/later", at))));

    // Succeeded and charged at once, the scheduled one shown as such and not sent.
    verify(mocks.generations, timeout(10_000))
        .publishResult(argThat(r -> ((RenderOutput) r.output())
            .publications().stream()
                .map(Publication::status)
                .toList()
                .equals(List.of(Publication.DELIVERED, Publication.SCHEDULED))));
    mocks.verifyCapturedOnce(ID);
    verify(mocks.publisher, times(1)).publishToTarget(argThat(p -> p.index() == 0));

    env.sleep(Duration.ofMinutes(59));
    verify(mocks.publisher, never()).publishToTarget(argThat(p -> p.index() == 1));

    RenderOutput out = WorkflowStub.fromTyped(workflow).getResult(RenderOutput.class);
    assertThat(now()).isAfterOrEqualTo(at);
    assertThat(out.publications().get(1).status()).isEqualTo(Publication.DELIVERED);
    assertThat(out.publications().get(1).at()).isEqualTo(at.toString());
    verify(mocks.publisher, times(1)).publishToTarget(argThat(p -> p.index() == 1));
    verify(mocks.generations)
        .recordPublication(new PublicationChange(ID, 1, out.publications().get(1)));
    mocks.verifyCapturedOnce(ID);
  }

  @Test
  void aCanceledPublicationIsNeverDelivered() {
    Instant at = now().plus(Duration.ofHours(1));
    RenderWorkflow workflow = start();
    WorkflowClient.start(
        workflow::generate, RenderWorkflowTest.request(List.of(at("https://b.example/later", at))));
    verify(mocks.generations, timeout(10_000)).publishResult(any());

    Publication canceled = workflow.cancelPublication(0);

    assertThat(canceled.status()).isEqualTo(Publication.CANCELED);
    verify(mocks.generations).recordPublication(new PublicationChange(ID, 0, canceled));
    RenderOutput out = WorkflowStub.fromTyped(workflow).getResult(RenderOutput.class);
    assertThat(out.publications()).containsExactly(canceled);
    verify(mocks.publisher, never()).publishToTarget(any());
    verify(mocks.generations, times(1)).recordPublication(any());
    mocks.verifyCapturedOnce(ID);
  }

  @Test
  void aCancelAfterDeliveryOrOfNoSuchPublicationIsRefused() {
    Instant first = now().plus(Duration.ofHours(1));
    RenderWorkflow workflow = start();
    WorkflowClient.start(
        workflow::generate,
        RenderWorkflowTest.request(List.of(
            RenderWorkflowTest.target("https://a.example/now"),
            at("https://b.example/first", first),
            at("https://c.example/second", first.plus(Duration.ofHours(1))))));
    verify(mocks.generations, timeout(10_000)).publishResult(any());
    env.sleep(Duration.ofMinutes(61));
    verify(mocks.generations, timeout(10_000))
        .recordPublication(
            argThat(c -> c.index() == 1 && c.publication().status().equals(Publication.DELIVERED)));

    assertRefused(() -> workflow.cancelPublication(1), ScheduledPublications.NOT_CANCELABLE);
    assertRefused(() -> workflow.cancelPublication(0), ScheduledPublications.NOT_CANCELABLE);
    assertRefused(() -> workflow.cancelPublication(3), ScheduledPublications.NO_SUCH_PUBLICATION);
    assertRefused(() -> workflow.cancelPublication(-1), ScheduledPublications.NO_SUCH_PUBLICATION);
    assertThat(workflow.cancelPublication(2).status()).isEqualTo(Publication.CANCELED);

    RenderOutput out = WorkflowStub.fromTyped(workflow).getResult(RenderOutput.class);
    assertThat(out.publications())
        .extracting(Publication::status)
        .containsExactly(Publication.DELIVERED, Publication.DELIVERED, Publication.CANCELED);
    verify(mocks.publisher, never()).publishToTarget(argThat(p -> p.index() == 2));
  }

  @Test
  void aPublicationCanceledWhileTheRenderRunsIsWrittenCanceledWithTheOutput() throws Exception {
    java.util.concurrent.CountDownLatch rendering = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    when(mocks.gpu.renderVideo(any())).thenAnswer(inv -> {
      rendering.countDown();
      release.await();
      return new RenderedVideo(
          staged(ID, "video.mp4", "video/mp4"), staged(ID, "thumbnail.png", "image/png"));
    });
    RenderWorkflow workflow = start();
    WorkflowClient.start(
        workflow::generate,
        RenderWorkflowTest.request(
            List.of(at("https://b.example/later", now().plus(Duration.ofHours(1))))));
    assertThat(rendering.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

    assertThat(workflow.cancelPublication(0).status()).isEqualTo(Publication.CANCELED);
    release.countDown();

    RenderOutput out = WorkflowStub.fromTyped(workflow).getResult(RenderOutput.class);
    assertThat(out.publications().get(0).status()).isEqualTo(Publication.CANCELED);
    verify(mocks.generations)
        .publishResult(argThat(r -> ((RenderOutput) r.output())
            .publications()
            .get(0)
            .status()
            .equals(Publication.CANCELED)));
    verify(mocks.generations, never()).recordPublication(any());
    verify(mocks.publisher, never()).publishToTarget(any());
  }

  @Test
  void anOperatorsCancelOfTheWorkflowCallsOffTheWaitingPublicationsAndKeepsTheCharge() {
    Instant first = now().plus(Duration.ofHours(1));
    List<PublishTarget> targets = List.of(
        RenderWorkflowTest.target("https://a.example/now"),
        at("https://b.example/first", first),
        at("https://c.example/second", first.plus(Duration.ofHours(1))));
    RenderWorkflow workflow = start();
    WorkflowClient.start(workflow::generate, RenderWorkflowTest.request(targets));
    verify(mocks.generations, timeout(10_000)).publishResult(any());
    env.sleep(Duration.ofMinutes(30));
    WorkflowStub stub = WorkflowStub.fromTyped(workflow);

    // What the Temporal UI's "Request Cancellation" and `temporal workflow cancel` send.
    stub.cancel();

    assertThatThrownBy(() -> stub.getResult(RenderOutput.class))
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
    verify(mocks.generations)
        .recordPublication(new PublicationChange(ID, 1, Publication.canceled(targets.get(1))));
    verify(mocks.generations)
        .recordPublication(new PublicationChange(ID, 2, Publication.canceled(targets.get(2))));
    verify(mocks.generations, times(2)).recordPublication(any());
    // Their times pass: nothing is sent, only the immediate target ever was.
    env.sleep(Duration.ofHours(3));
    verify(mocks.publisher, times(1)).publishToTarget(any());
    verify(mocks.publisher).publishToTarget(argThat(p -> p.index() == 0));
    // The generation stays succeeded (its result written once, no failure) and charged once.
    verify(mocks.generations, times(1)).publishResult(any());
    verify(mocks.generations, never()).recordFailure(any());
    mocks.verifyCapturedOnce(ID);
  }

  private static void assertRefused(Runnable cancel, String type) {
    assertThatThrownBy(cancel::run)
        .isInstanceOf(WorkflowUpdateException.class)
        .satisfies(e -> assertThat(RenderWorkflow.refusal(e))
            .hasValueSatisfying(r -> assertThat(r.type()).isEqualTo(type)));
  }

  private Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }

  private static PublishTarget at(String url, Instant at) {
    return new PublishTarget("webhook", url, at.toString());
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
