package dev.cadenza.workflows.batch;

import static dev.cadenza.workflows.GenerationMocks.staged;
import static dev.cadenza.workflows.GenerationMocks.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.*;

import dev.cadenza.workflows.GenerationMocks;
import dev.cadenza.workflows.credits.Admission;
import dev.cadenza.workflows.credits.AdmittedGeneration;
import dev.cadenza.workflows.credits.ReserveAnswer;
import dev.cadenza.workflows.credits.ReserveUpdate;
import dev.cadenza.workflows.generation.GenerationType;
import dev.cadenza.workflows.image.ImageGenerationRequest;
import dev.cadenza.workflows.image.ImageGenerationWorkflow;
import dev.cadenza.workflows.image.ImageGenerationWorkflowImpl;
import dev.cadenza.workflows.image.ImageInput;
import dev.cadenza.workflows.image.ImageOutput;
import dev.cadenza.workflows.media.ImageRequest;
import dev.cadenza.workflows.storage.StoreRequest;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
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
 * A batch is all or nothing: its {@code reserve} update admits every item in one activity, then
 * the batch starts each item's own workflow (which finds its hold); refused, it starts none.
 */
class BatchWorkflowTest {
  static final List<String> IDS = List.of("gen_bat1", "gen_bat2");
  static final Admission BOTH =
      new Admission(IDS.stream().map(BatchWorkflowTest::admitted).toList());

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      GenerationMocks.extension(ImageGenerationWorkflowImpl.class, BatchWorkflowImpl.class);

  private final GenerationMocks mocks = new GenerationMocks();
  private WorkflowClient client;
  private String taskQueue;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
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
  void aHeldBatchStartsEveryItemAsItsOwnWorkflow() {
    when(mocks.credits.admit(any())).thenReturn(ReserveAnswer.held(4));

    ReserveAnswer answer =
        reserve(BOTH, IDS.stream().map(BatchWorkflowTest::item).toList());

    assertThat(answer.held()).isTrue();
    for (String id : IDS) {
      ImageOutput out = client
          .newUntypedWorkflowStub(ImageGenerationWorkflow.ID_PREFIX + id)
          .getResult(ImageOutput.class);
      assertThat(out.image().storageKey()).isEqualTo("generations/" + id + "/image.png");
      mocks.verifyCapturedOnce(id);
    }
    verify(mocks.credits, times(1)).admit(BOTH);
  }

  @Test
  void aRefusedBatchStartsNothing() {
    when(mocks.credits.admit(any())).thenReturn(ReserveAnswer.refused(4));

    ReserveAnswer answer =
        reserve(BOTH, IDS.stream().map(BatchWorkflowTest::item).toList());

    assertThat(answer.held()).isFalse();
    client.newUntypedWorkflowStub(BatchWorkflow.ID_PREFIX + "bat_1").getResult(Void.class);
    verify(mocks.credits).admit(BOTH);
    verifyNoMoreInteractions(mocks.credits);
    verifyNoInteractions(mocks.generations, mocks.gpu);
  }

  private ReserveAnswer reserve(Admission admission, List<BatchItem> items) {
    BatchWorkflow batch = client.newWorkflowStub(
        BatchWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(BatchWorkflow.ID_PREFIX + "bat_1")
            .setTaskQueue(taskQueue)
            .setWorkflowIdConflictPolicy(
                WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
            .setMemo(Map.of(ReserveUpdate.MEMO, ReserveUpdate.MEMO_VALUE))
            .build());
    return WorkflowClient.executeUpdateWithStart(
        batch::reserve,
        admission,
        UpdateOptions.<ReserveAnswer>newBuilder()
            .setWaitForStage(WorkflowUpdateStage.COMPLETED)
            .build(),
        new WithStartWorkflowOperation<>(batch::start, items));
  }

  private static BatchItem item(String id) {
    return new BatchItem(
        GenerationType.IMAGE.workflowType(),
        ImageGenerationWorkflow.ID_PREFIX + id,
        GenerationType.IMAGE,
        "usr_1",
        "image",
        new ImageGenerationRequest(id, "usr_1", 3, new ImageInput("a red fox", 640, 480, 5), 2));
  }

  private static AdmittedGeneration admitted(String id) {
    return new AdmittedGeneration(
        id,
        "usr_1",
        GenerationType.IMAGE,
        ImageGenerationWorkflow.ID_PREFIX + id,
        "{}",
        3,
        null,
        null,
        null);
  }
}
