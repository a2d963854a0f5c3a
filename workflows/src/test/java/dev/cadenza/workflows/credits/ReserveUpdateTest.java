package dev.cadenza.workflows.credits;

import static dev.cadenza.workflows.GenerationMocks.staged;
import static dev.cadenza.workflows.GenerationMocks.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.*;

import dev.cadenza.workflows.GenerationMocks;
import dev.cadenza.workflows.image.ImageGenerationRequest;
import dev.cadenza.workflows.image.ImageGenerationWorkflow;
import dev.cadenza.workflows.image.ImageGenerationWorkflowImpl;
import dev.cadenza.workflows.image.ImageInput;
import dev.cadenza.workflows.image.ImageOutput;
import dev.cadenza.workflows.media.ImageRequest;
import dev.cadenza.workflows.storage.StoreRequest;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code reserve} update (Update-With-Start) decides whether a generation runs at all: held,
 * it runs; refused, lost or failed, the workflow ends at once having run nothing but the
 * admission, and has nothing to undo (the admission's transaction wrote nothing).
 */
class ReserveUpdateTest {
  static final String ID = "gen_uws1";
  static final ImageGenerationRequest REQUEST =
      new ImageGenerationRequest(ID, "usr_1", 3, new ImageInput("a red fox", 640, 480, 5), 2);
  static final Admission ADMISSION = new Admission(List.of(admitted(ID, 3)));

  // Time skipping: a workflow whose update never comes waits ReserveUpdate.WAIT for it.
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      GenerationMocks.extension(true, ImageGenerationWorkflowImpl.class);

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
    when(mocks.gpu.generateImage(any()))
        .thenAnswer(inv ->
            staged(inv.<ImageRequest>getArgument(0).generationId(), "image.png", "image/png"));
    when(mocks.storage.storeOutputs(any()))
        .thenAnswer(inv -> List.of(
            stored(inv.<StoreRequest>getArgument(0).generationId(), "image.png", "image/png")));
    env.start();
  }

  @Test
  void heldTheGenerationRuns() {
    when(mocks.credits.admit(any())).thenReturn(ReserveAnswer.held(7));
    ImageGenerationWorkflow workflow = image(ID);

    ReserveAnswer answer = reserve(workflow, REQUEST, ADMISSION);

    assertThat(answer).isEqualTo(ReserveAnswer.held(7));
    ImageOutput out = WorkflowStub.fromTyped(workflow).getResult(ImageOutput.class);
    assertThat(out.image().storageKey()).isEqualTo("generations/" + ID + "/image.png");
    verify(mocks.credits).admit(ADMISSION);
    // The reserve step finds the update's hold (idempotent by id) and the run goes on as ever.
    verify(mocks.credits).reserveCredits(argThat(h -> h.reservationId().equals(ID)));
    mocks.verifyCapturedOnce(ID);
  }

  @Test
  void refusedTheWorkflowEndsAtOnceHavingRunNothing() {
    when(mocks.credits.admit(any())).thenReturn(ReserveAnswer.refused(2));
    ImageGenerationWorkflow workflow = image(ID);

    ReserveAnswer answer = reserve(workflow, REQUEST, ADMISSION);

    assertThat(answer).isEqualTo(ReserveAnswer.refused(2));
    assertThat(WorkflowStub.fromTyped(workflow).getResult(ImageOutput.class)).isNull();
    assertThat(status(WorkflowIdsOf.image(ID)))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    verify(mocks.credits).admit(ADMISSION);
    verifyNoMoreInteractions(mocks.credits);
    verifyNoInteractions(mocks.generations, mocks.storage, mocks.gpu);
  }

  @Test
  void aRetriedRequestAttachesAndGetsTheSameAnswerWithoutHoldingTwice() {
    when(mocks.credits.admit(any())).thenReturn(ReserveAnswer.held(7));
    ImageGenerationWorkflow first = image(ID);
    reserve(first, REQUEST, ADMISSION);

    ReserveAnswer again = reserve(image(ID), REQUEST, ADMISSION);

    assertThat(again).isEqualTo(ReserveAnswer.held(7));
    WorkflowStub.fromTyped(first).getResult(ImageOutput.class);
    verify(mocks.credits, times(1)).admit(any());
  }

  @Test
  void startedWithoutItsUpdateTheWorkflowEndsWithoutHoldingAnything() {
    // The API died (or the server lost the update) between the start and the reserve.
    ImageGenerationWorkflow workflow = image(ID);
    WorkflowClient.start(workflow::generate, REQUEST);

    assertThat(WorkflowStub.fromTyped(workflow).getResult(ImageOutput.class)).isNull();
    verifyNoInteractions(mocks.credits, mocks.generations, mocks.storage, mocks.gpu);
  }

  @Test
  void anAdmissionThatFailsBeforeCommittingFailsTheUpdateAndEndsTheWorkflow() {
    // The database refuses every attempt: the transaction never commits, so nothing is held.
    when(mocks.credits.admit(any())).thenThrow(new IllegalStateException("database down"));
    ImageGenerationWorkflow workflow = image(ID);

    assertThatThrownBy(() -> reserve(workflow, REQUEST, ADMISSION))
        .isInstanceOf(WorkflowUpdateException.class);

    assertThat(WorkflowStub.fromTyped(workflow).getResult(ImageOutput.class)).isNull();
    verify(mocks.credits, atLeastOnce()).admit(ADMISSION);
    verifyNoMoreInteractions(mocks.credits);
    verifyNoInteractions(mocks.generations, mocks.storage, mocks.gpu);
  }

  private ReserveAnswer reserve(
      ImageGenerationWorkflow workflow, ImageGenerationRequest request, Admission admission) {
    return WorkflowClient.executeUpdateWithStart(
        workflow::reserve,
        admission,
        UpdateOptions.<ReserveAnswer>newBuilder()
            .setWaitForStage(WorkflowUpdateStage.COMPLETED)
            .build(),
        new WithStartWorkflowOperation<>(workflow::generate, request));
  }

  private ImageGenerationWorkflow image(String id) {
    return client.newWorkflowStub(
        ImageGenerationWorkflow.class, options(WorkflowIdsOf.image(id)).build());
  }

  private WorkflowOptions.Builder options(String workflowId) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(taskQueue)
        .setWorkflowIdConflictPolicy(
            WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .setMemo(Map.of(ReserveUpdate.MEMO, ReserveUpdate.MEMO_VALUE));
  }

  private WorkflowExecutionStatus status(String workflowId) {
    return env.getWorkflowClient()
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
            .setNamespace(env.getNamespace())
            .setExecution(
                io.temporal.api.common.v1.WorkflowExecution.newBuilder().setWorkflowId(workflowId))
            .build())
        .getWorkflowExecutionInfo()
        .getStatus();
  }

  static AdmittedGeneration admitted(String id, long cost) {
    return new AdmittedGeneration(
        id, "usr_1", "image", WorkflowIdsOf.image(id), "{}", cost, null, null, null);
  }

  /** The image workflow's id, as the API names it. */
  static final class WorkflowIdsOf {
    private WorkflowIdsOf() {}

    static String image(String id) {
      return ImageGenerationWorkflow.ID_PREFIX + id;
    }
  }
}
