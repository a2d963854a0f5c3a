package dev.cadenza.workflows.imageto3d;

import static dev.cadenza.workflows.GenerationMocks.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.*;

import dev.cadenza.workflows.FailureTypes;
import dev.cadenza.workflows.GenerationMocks;
import dev.cadenza.workflows.generation.StepStatus;
import dev.cadenza.workflows.media.StagedFile;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.stubbing.Answer;

class ImageTo3dWorkflowTest {
  static final String ID = "gen_3d1";

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      GenerationMocks.extension(ImageTo3dWorkflowImpl.class);

  private final GenerationMocks mocks = new GenerationMocks();
  private WorkflowClient client;
  private String taskQueue;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    this.client = client;
    this.taskQueue = worker.getTaskQueue();
    mocks.register(env, worker, client);
    when(mocks.fetch.fetchImage(any())).thenReturn(staged(ID, "image.jpg", "image/jpeg"));
    when(mocks.gpu.generateImage(any())).thenReturn(staged(ID, "image.png", "image/png"));
    when(mocks.gpu.generateMesh(any())).thenReturn(staged(ID, "model.glb", "model/gltf-binary"));
    when(mocks.storage.storeOutputs(any()))
        .thenAnswer(inv -> List.of(
            stored(ID, "image.png", "image/png"), stored(ID, "model.glb", "model/gltf-binary")));
    env.start();
  }

  @Test
  void fromAUrlThePictureIsFetchedLiftedStoredAndPaidOnce() {
    ImageTo3dRequest request = fromUrl();
    ImageTo3dOutput out = start().generate(request);

    assertThat(out.model().storageKey()).isEqualTo("generations/" + ID + "/model.glb");
    verify(mocks.fetch)
        .fetchImage(argThat(f -> f.source().url().equals("https://example.com/cat.jpg")));
    verify(mocks.gpu, never()).generateImage(any());
    verify(mocks.gpu)
        .generateMesh(
            argThat(m -> m.image().name().equals("image.jpg") && "clay".equals(m.style())));
    verify(mocks.credits).reserveCredits(argThat(h -> h.amount() == 6));
    mocks.verifyCapturedOnce(ID);
    verify(mocks.generations)
        .publishResult(argThat(r -> statuses(r.steps()).get("generateImage") == StepStatus.SKIPPED
            && statuses(r.steps()).get("fetchImage") == StepStatus.SUCCEEDED
            && statuses(r.steps()).get("publishResult") == StepStatus.SUCCEEDED));
  }

  @Test
  void fromAnUploadThePictureInStorageIsLiftedWithoutFetchingAnything() {
    StagedFile upload = new StagedFile(
        "uploads/upl_1.jpg", "image.jpg", "image/jpeg", 1234, "ab", java.util.Map.of());
    ImageTo3dRequest request = new ImageTo3dRequest(
        ID, "usr_1", 6, new ImageTo3dInput(null, null, null, 7, null, upload), 2);

    start().generate(request);

    verify(mocks.fetch, never()).fetchImage(any());
    verify(mocks.gpu, never()).generateImage(any());
    verify(mocks.gpu).generateMesh(argThat(m -> m.image().equals(upload)));
    verify(mocks.storage).storeOutputs(argThat(r -> r.files().get(0).equals(upload)));
    mocks.verifyCapturedOnce(ID);
    verify(mocks.generations)
        .publishResult(argThat(r -> statuses(r.steps()).get("generateImage") == StepStatus.SKIPPED
            && statuses(r.steps()).get("fetchImage") == StepStatus.SKIPPED
            && statuses(r.steps()).get("generateMesh") == StepStatus.SUCCEEDED));
  }

  @Test
  void fromAPromptAnImageIsGeneratedFirst() {
    ImageTo3dOutput out = start().generate(fromPrompt());

    assertThat(out.image().name()).isEqualTo("image.png");
    verify(mocks.fetch, never()).fetchImage(any());
    verify(mocks.gpu).generateImage(argThat(i -> i.prompt().equals("a ceramic cat")));
    verify(mocks.gpu).generateMesh(argThat(m -> m.image().name().equals("image.png")));
    mocks.verifyCapturedOnce(ID);
  }

  @Test
  void fromAnEarlierGenerationOnlyTheMeshStepRunsOnItsStoredImage() {
    ImageTo3dOutput out = start().generate(fromParent());

    assertThat(out.image().name()).isEqualTo("image.png");
    verify(mocks.fetch, never()).fetchImage(any());
    verify(mocks.gpu, never()).generateImage(any());
    // The mesh step reads the parent's stored file by its key: no bytes in the payloads.
    verify(mocks.gpu)
        .generateMesh(argThat(m -> m.image().key().equals(PARENT_IMAGE.key())
            && m.image().sha256().equals(PARENT_IMAGE.sha256())));
    // The store step copies the parent's image under this generation's key, with the model.
    verify(mocks.storage)
        .storeOutputs(argThat(r -> r.generationId().equals(ID)
            && r.files().get(0).equals(PARENT_IMAGE)
            && r.files().get(1).name().equals("model.glb")));
    verify(mocks.credits).reserveCredits(argThat(h -> h.amount() == 6));
    mocks.verifyCapturedOnce(ID);
    verify(mocks.generations)
        .publishResult(argThat(r -> statuses(r.steps()).get("generateImage") == StepStatus.SKIPPED
            && statuses(r.steps()).get("fetchImage") == StepStatus.SKIPPED
            && statuses(r.steps()).get("generateMesh") == StepStatus.SUCCEEDED));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"generateMesh", "storeOutputs"})
  void fromAnEarlierGenerationAnyFailureReleasesTheWholeHoldOnce(String step) {
    stub(step, refuse());

    assertThatThrownBy(() -> start().generate(fromParent()))
        .isInstanceOf(WorkflowFailedException.class);
    mocks.verifyReleasedOnceNothingSpent(ID);
    mocks.verifyRecordedFailure(false, step, StepStatus.FAILED);
  }

  @Test
  void aPictureThatCannotBeFetchedFailsWithTheReasonTheUserCanFix() {
    String reason =
        "The file at imageUrl could not be used: The URL's host cat.invalid is unknown.";
    when(mocks.fetch.fetchImage(any()))
        .thenThrow(ApplicationFailure.newFailure(reason, FailureTypes.SOURCE_UNAVAILABLE));

    assertThatThrownBy(() -> start().generate(fromUrl()))
        .isInstanceOf(WorkflowFailedException.class);

    verify(mocks.fetch, times(3)).fetchImage(any());
    verify(mocks.generations)
        .recordFailure(argThat(f -> f.code().equals("SOURCE_UNAVAILABLE")
            && f.message().equals(reason)
            && stepStatus(f, "fetchImage") == StepStatus.FAILED));
    mocks.verifyReleasedOnceNothingSpent(ID);
  }

  @Test
  void aPictureThatCanNeverBeUsedFailsAtTheFirstAttemptWithItsReason() {
    String reason =
        "The file at imageUrl could not be used: The URL serves text/html, not image/png.";
    when(mocks.fetch.fetchImage(any()))
        .thenThrow(ApplicationFailure.newNonRetryableFailure(reason, FailureTypes.INVALID_INPUT));

    assertThatThrownBy(() -> start().generate(fromUrl()))
        .isInstanceOf(WorkflowFailedException.class);

    verify(mocks.fetch, times(1)).fetchImage(any());
    verify(mocks.generations)
        .recordFailure(
            argThat(f -> f.code().equals("INVALID_INPUT") && f.message().equals(reason)));
  }

  @ParameterizedTest(name = "{0} mode, {1}")
  @CsvSource({
    "url, fetchImage",
    "url, generateMesh",
    "url, storeOutputs",
    "prompt, reserveCredits",
    "prompt, generateImage",
    "prompt, generateMesh",
    "prompt, storeOutputs"
  })
  void anyFailureReleasesTheWholeHoldOnce(String mode, String step) {
    stub(step, refuse());
    ImageTo3dRequest request = mode.equals("url") ? fromUrl() : fromPrompt();

    assertThatThrownBy(() -> start().generate(request)).isInstanceOf(WorkflowFailedException.class);
    mocks.verifyReleasedOnceNothingSpent(ID);
    mocks.verifyRecordedFailure(false, step, StepStatus.FAILED);
  }

  @ParameterizedTest(name = "{0} mode, {1}")
  @CsvSource({
    "url, fetchImage",
    "url, generateMesh",
    "url, storeOutputs",
    "prompt, generateImage",
    "prompt, generateMesh"
  })
  void cancellationDuringAnyStepReleasesTheWholeHoldOnce(String mode, String step)
      throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    stub(step, blockUntilCancelled(entered));
    ImageTo3dRequest request = mode.equals("url") ? fromUrl() : fromPrompt();
    ImageTo3dWorkflow workflow = start();
    WorkflowClient.start(workflow::generate, request);
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(300); // clear of temporalio/sdk-java#2391

    WorkflowStub.fromTyped(workflow).cancel();

    assertThatThrownBy(() -> WorkflowStub.fromTyped(workflow).getResult(ImageTo3dOutput.class))
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
    mocks.verifyReleasedOnceNothingSpent(ID);
    mocks.verifyRecordedFailure(true, step, StepStatus.CANCELED);
  }

  private void stub(String step, Answer<Object> answer) {
    switch (step) {
      case "reserveCredits" -> doAnswer(answer).when(mocks.credits).reserveCredits(any());
      case "fetchImage" -> when(mocks.fetch.fetchImage(any())).thenAnswer(answer);
      case "generateImage" -> when(mocks.gpu.generateImage(any())).thenAnswer(answer);
      case "generateMesh" -> when(mocks.gpu.generateMesh(any())).thenAnswer(answer);
      case "storeOutputs" -> when(mocks.storage.storeOutputs(any())).thenAnswer(answer);
      default -> throw new IllegalArgumentException(step);
    }
  }

  static ImageTo3dRequest fromUrl() {
    return new ImageTo3dRequest(
        ID, "usr_1", 6, new ImageTo3dInput("https://example.com/cat.jpg", null, "clay", 7), 2);
  }

  static ImageTo3dRequest fromPrompt() {
    return new ImageTo3dRequest(
        ID, "usr_1", 8, new ImageTo3dInput(null, "a ceramic cat", null, 7), 2);
  }

  static final StagedFile PARENT_IMAGE = new StagedFile(
      "generations/gen_img1/image.png",
      "image.png",
      "image/png",
      1234,
      "ab12",
      Map.of("width", "640"));

  static ImageTo3dRequest fromParent() {
    return new ImageTo3dRequest(
        ID, "usr_1", 6, new ImageTo3dInput(null, null, "clay", 7, PARENT_IMAGE, null), 2);
  }

  private ImageTo3dWorkflow start() {
    return client.newWorkflowStub(
        ImageTo3dWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(ImageTo3dWorkflow.ID_PREFIX + ID)
            .setTaskQueue(taskQueue)
            .build());
  }
}
