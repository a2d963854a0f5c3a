package dev.cadenza.workflows.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.cadenza.workflows.QueueWorkers;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An upload's lifecycle on the time-skipping test server: the complete update answers from the
 * check; the object of an upload never completed, or completed but never used, is deleted by the
 * workflow's durable timers (30 min and 24 h of workflow time, skipped here).
 */
class UploadWorkflowTest {
  static final Duration WINDOW = Duration.ofMinutes(30);
  static final Duration KEEP = Duration.ofHours(24);

  @RegisterExtension
  static final TestWorkflowExtension temporal = TestWorkflowExtension.newBuilder()
      .setWorkflowTypes(UploadWorkflowImpl.class)
      .setDoNotStart(true)
      .build();

  private final UploadActivities activities =
      mock(UploadActivities.class, withSettings().withoutAnnotations());
  private TestWorkflowEnvironment env;
  private Worker worker;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker) {
    this.env = env;
    this.worker = worker;
    QueueWorkers.register(env, worker, activities);
    env.start();
  }

  @Test
  void aCompletedUploadNobodyUsedIsExpiredAfter24Hours() {
    when(activities.verifyUpload("upl_1")).thenReturn(UploadCheck.ready());
    UploadWorkflow workflow = start("upl_1");

    assertThat(workflow.complete().outcome()).isEqualTo(UploadOutcome.READY);
    env.sleep(KEEP.minusMinutes(1));
    verify(activities, never()).expireUpload("upl_1", false);
    env.sleep(Duration.ofMinutes(2));

    WorkflowStub.fromTyped(workflow).getResult(Void.class);
    verify(activities, times(1)).expireUpload("upl_1", false);
    verify(activities, never()).expireUpload("upl_1", true);
  }

  @Test
  void anUploadNeverCompletedIsExpiredWhenItsWindowEnds() {
    UploadWorkflow workflow = start("upl_2");

    env.sleep(WINDOW.plusMinutes(1));

    WorkflowStub.fromTyped(workflow).getResult(Void.class);
    verify(activities, times(1)).expireUpload("upl_2", true);
    verify(activities, never()).verifyUpload("upl_2");
  }

  @Test
  void bytesNotYetThereLeaveItPendingAndASecondCompleteChecksAgain() {
    when(activities.verifyUpload("upl_3"))
        .thenReturn(new UploadCheck(UploadOutcome.NOT_RECEIVED, "no bytes"))
        .thenReturn(UploadCheck.ready());
    UploadWorkflow workflow = start("upl_3");

    assertThat(workflow.complete().outcome()).isEqualTo(UploadOutcome.NOT_RECEIVED);
    assertThat(workflow.complete().outcome()).isEqualTo(UploadOutcome.READY);
    assertThat(workflow.complete().outcome())
        .as("completed twice")
        .isEqualTo(UploadOutcome.NOT_PENDING);
    verify(activities, times(2)).verifyUpload("upl_3");
  }

  @Test
  void refusedBytesEndTheUploadWithoutATimer() {
    when(activities.verifyUpload("upl_4"))
        .thenReturn(new UploadCheck(UploadOutcome.INVALID, "not a PNG"));
    UploadWorkflow workflow = start("upl_4");

    assertThat(workflow.complete().outcome()).isEqualTo(UploadOutcome.INVALID);

    WorkflowStub.fromTyped(workflow).getResult(Void.class);
    verify(activities, never())
        .expireUpload(
            org.mockito.ArgumentMatchers.anyString(), org.mockito.ArgumentMatchers.anyBoolean());
  }

  private UploadWorkflow start(String uploadId) {
    UploadWorkflow workflow = env.getWorkflowClient()
        .newWorkflowStub(
            UploadWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(UploadWorkflow.idOf(uploadId))
                .setTaskQueue(worker.getTaskQueue())
                .build());
    WorkflowClient.start(workflow::run, new UploadRequest(uploadId, WINDOW, KEEP));
    return workflow;
  }
}
