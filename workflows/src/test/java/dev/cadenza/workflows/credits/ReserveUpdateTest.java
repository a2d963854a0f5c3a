package dev.cadenza.workflows.credits;

import static dev.cadenza.workflows.GenerationMocks.staged;
import static dev.cadenza.workflows.GenerationMocks.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.*;

import dev.cadenza.workflows.GenerationMocks;
import dev.cadenza.workflows.generation.GenerationType;
import dev.cadenza.workflows.generation.GenerationWorkflow;
import dev.cadenza.workflows.generation.StepState;
import dev.cadenza.workflows.generation.StepStatus;
import dev.cadenza.workflows.image.ImageGenerationRequest;
import dev.cadenza.workflows.image.ImageGenerationWorkflow;
import dev.cadenza.workflows.image.ImageGenerationWorkflowImpl;
import dev.cadenza.workflows.image.ImageInput;
import dev.cadenza.workflows.image.ImageOutput;
import dev.cadenza.workflows.imageto3d.ImageTo3dInput;
import dev.cadenza.workflows.imageto3d.ImageTo3dRequest;
import dev.cadenza.workflows.imageto3d.ImageTo3dWorkflowImpl;
import dev.cadenza.workflows.media.ImageRequest;
import dev.cadenza.workflows.render.PublishTarget;
import dev.cadenza.workflows.render.RenderInput;
import dev.cadenza.workflows.render.RenderRequest;
import dev.cadenza.workflows.render.RenderWorkflowImpl;
import dev.cadenza.workflows.render.Timeline;
import dev.cadenza.workflows.render.TimelineClip;
import dev.cadenza.workflows.render.TimelineTrack;
import dev.cadenza.workflows.song.SongGenerationWorkflowImpl;
import dev.cadenza.workflows.song.SongInput;
import dev.cadenza.workflows.song.SongRequest;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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
  static final TestWorkflowExtension temporal = GenerationMocks.extension(
      true,
      ImageGenerationWorkflowImpl.class,
      SongGenerationWorkflowImpl.class,
      ImageTo3dWorkflowImpl.class,
      RenderWorkflowImpl.class);

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

    assertThat(answer.held()).isTrue();
    assertThat(answer.available()).isEqualTo(7);
    // The steps as they stand when it answers, for the API's 201: nothing has run yet.
    assertThat(answer.steps()).extracting(StepState::name).startsWith("reserveCredits");
    assertThat(answer.steps()).extracting(StepState::status).containsOnly(StepStatus.PENDING);
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

  @ParameterizedTest
  @EnumSource(GenerationType.class)
  void refusedAWorkflowOfAnyTypeEndsAtOnceHavingRunNothing(GenerationType type) throws Exception {
    when(mocks.credits.admit(any())).thenReturn(ReserveAnswer.refused(2));
    String workflowId = type.workflowId(ID);
    WorkflowStub workflow =
        client.newUntypedWorkflowStub(type.workflowType(), options(workflowId).build());

    ReserveAnswer answer = workflow
        .startUpdateWithStart(
            UpdateOptions.newBuilder(ReserveAnswer.class)
                .setUpdateName(GenerationWorkflow.RESERVE_UPDATE)
                .setWaitForStage(WorkflowUpdateStage.COMPLETED)
                .build(),
            new Object[] {ADMISSION},
            new Object[] {requestOf(type)})
        .getResult();

    assertThat(answer).isEqualTo(ReserveAnswer.refused(2));
    // A workflow that failed its task instead (a render reading its missing output) never ends.
    assertThat(workflow.getResult(10, TimeUnit.SECONDS, Object.class)).isNull();
    assertThat(status(workflowId))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    verify(mocks.credits).admit(ADMISSION);
    verifyNoMoreInteractions(mocks.credits);
    verifyNoInteractions(
        mocks.generations, mocks.storage, mocks.gpu, mocks.llm, mocks.fetch, mocks.publisher);
  }

  /** A request of each type; the render's has a target due later, which must never go out. */
  private static Object requestOf(GenerationType type) {
    return switch (type) {
      case SONG ->
        new SongRequest(
            ID, "usr_1", 3, new SongInput("rain", null, null, null, false, 20, 7.5, 1), 2);
      case IMAGE -> REQUEST;
      case IMAGE_TO_3D ->
        new ImageTo3dRequest(ID, "usr_1", 3, new ImageTo3dInput(null, "a cat", "clay", 1), 2);
      case RENDER ->
        new RenderRequest(
            ID,
            "usr_1",
            3,
            new RenderInput(
                new Timeline(
                    320,
                    240,
                    12,
                    2,
                    List.of(new TimelineTrack(
                        "video", List.of(new TimelineClip(0, 2, null, null, "#112233"))))),
                List.of(new PublishTarget(
                    "webhook", "https://a.example/later", "2030-01-01T00:00:00Z"))),
            2);
    };
  }

  @Test
  void aRetriedRequestAttachesAndGetsTheSameAnswerWithoutHoldingTwice() {
    when(mocks.credits.admit(any())).thenReturn(ReserveAnswer.held(7));
    ImageGenerationWorkflow first = image(ID);
    reserve(first, REQUEST, ADMISSION);

    ReserveAnswer again = reserve(image(ID), REQUEST, ADMISSION);

    assertThat(again.held()).isTrue();
    assertThat(again.available()).isEqualTo(7);
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
        id, "usr_1", GenerationType.IMAGE, WorkflowIdsOf.image(id), "{}", cost, null, null, null);
  }

  /** The image workflow's id, as the API names it. */
  static final class WorkflowIdsOf {
    private WorkflowIdsOf() {}

    static String image(String id) {
      return ImageGenerationWorkflow.ID_PREFIX + id;
    }
  }
}
