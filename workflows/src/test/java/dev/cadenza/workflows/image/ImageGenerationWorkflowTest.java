package dev.cadenza.workflows.image;

import static dev.cadenza.workflows.GenerationMocks.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.*;

import dev.cadenza.workflows.GenerationMocks;
import dev.cadenza.workflows.generation.StepStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.stubbing.Answer;

class ImageGenerationWorkflowTest {
  static final String ID = "gen_img1";
  static final ImageGenerationRequest REQUEST =
      new ImageGenerationRequest(ID, "usr_1", 3, new ImageInput("a red fox", 640, 480, 5), 2);

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      GenerationMocks.extension(ImageGenerationWorkflowImpl.class);

  private final GenerationMocks mocks = new GenerationMocks();
  private WorkflowClient client;
  private String taskQueue;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    this.client = client;
    this.taskQueue = worker.getTaskQueue();
    mocks.register(env, worker, client);
    when(mocks.gpu.generateImage(any())).thenReturn(staged(ID, "image.png", "image/png"));
    when(mocks.storage.storeOutputs(any()))
        .thenReturn(List.of(stored(ID, "image.png", "image/png")));
    env.start();
  }

  @Test
  void thePromptIsPaintedStoredPublishedAndPaidOnce() {
    ImageOutput out = start().generate(REQUEST);

    assertThat(out.image().storageKey()).isEqualTo("generations/" + ID + "/image.png");
    verify(mocks.gpu)
        .generateImage(argThat(i -> i.prompt().equals("a red fox")
            && i.width() == 640
            && i.height() == 480
            && i.seed() == 5));
    verify(mocks.credits).reserveCredits(argThat(h -> h.amount() == 3));
    mocks.verifyCapturedOnce(ID);
    verify(mocks.generations)
        .publishResult(
            argThat(r -> r.steps().stream().allMatch(s -> s.status() == StepStatus.SUCCEEDED)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"reserveCredits", "generateImage", "storeOutputs"})
  void aFailureAtAnyStepReleasesTheHoldOnce(String step) {
    stub(step, refuse());

    assertThatThrownBy(() -> start().generate(REQUEST)).isInstanceOf(WorkflowFailedException.class);
    mocks.verifyReleasedOnceNothingSpent(ID);
    mocks.verifyRecordedFailure(false, step, StepStatus.FAILED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"generateImage", "storeOutputs"})
  void cancellationDuringAnyStepReleasesTheHoldOnce(String step) throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    stub(step, blockUntilCancelled(entered));
    ImageGenerationWorkflow workflow = start();
    WorkflowClient.start(workflow::generate, REQUEST);
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(300); // clear of temporalio/sdk-java#2391

    WorkflowStub.fromTyped(workflow).cancel();

    assertThatThrownBy(() -> WorkflowStub.fromTyped(workflow).getResult(ImageOutput.class))
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
    mocks.verifyReleasedOnceNothingSpent(ID);
    mocks.verifyRecordedFailure(true, step, StepStatus.CANCELED);
  }

  private void stub(String step, Answer<Object> answer) {
    switch (step) {
      case "reserveCredits" -> doAnswer(answer).when(mocks.credits).reserveCredits(any());
      case "generateImage" -> when(mocks.gpu.generateImage(any())).thenAnswer(answer);
      case "storeOutputs" -> when(mocks.storage.storeOutputs(any())).thenAnswer(answer);
      default -> throw new IllegalArgumentException(step);
    }
  }

  private ImageGenerationWorkflow start() {
    return client.newWorkflowStub(
        ImageGenerationWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(ImageGenerationWorkflow.ID_PREFIX + ID)
            .setTaskQueue(taskQueue)
            .build());
  }
}
