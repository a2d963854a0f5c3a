package dev.cadenza.workflows.upload;

import dev.cadenza.workflows.generation.ActivityKinds;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowLock;
import java.time.Duration;

public class UploadWorkflowImpl implements UploadWorkflow {
  /**
   * Decoding a 32 MB video takes seconds; storage faults are retried like any storage step. A
   * refused file is an answer ({@link UploadOutcome#INVALID}), not a failure, so nothing else
   * needs to be non-retryable.
   */
  private static final ActivityOptions CHECKS = ActivityOptions.newBuilder(ActivityKinds.STORAGE)
      .setStartToCloseTimeout(Duration.ofMinutes(2))
      .build();

  private final UploadActivities uploads = Workflow.newActivityStub(UploadActivities.class, CHECKS);

  /** Two completes at once must not both check: the second waits and sees the first's answer. */
  private final WorkflowLock checking = Workflow.newWorkflowLock();

  private UploadOutcome state;

  @Override
  public void run(UploadRequest request) {
    String uploadId = request.uploadId();
    boolean settled = Workflow.await(
        request.completeWithin(),
        () -> state == UploadOutcome.READY || state == UploadOutcome.INVALID);
    if (!settled) {
      checking.lock();
      uploads.expireUpload(uploadId, true);
      return;
    }
    if (state == UploadOutcome.INVALID) {
      return; // the check deleted the object already
    }
    Workflow.sleep(request.keepUnused());
    uploads.expireUpload(uploadId, false);
  }

  @Override
  public UploadCheck complete() {
    checking.lock();
    try {
      if (state == UploadOutcome.READY || state == UploadOutcome.INVALID) {
        return new UploadCheck(UploadOutcome.NOT_PENDING, "The upload was completed before.");
      }
      // From the id, not the workflow argument: an update may be handled before the main method
      // has run.
      String uploadId = Workflow.getInfo().getWorkflowId().substring(ID_PREFIX.length());
      UploadCheck check = uploads.verifyUpload(uploadId);
      if (check.outcome() == UploadOutcome.READY || check.outcome() == UploadOutcome.INVALID) {
        state = check.outcome();
      }
      return check;
    } finally {
      checking.unlock();
    }
  }
}
