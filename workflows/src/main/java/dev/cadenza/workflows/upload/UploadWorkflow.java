package dev.cadenza.workflows.upload;

import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The lifecycle of one upload, started when it is created. {@link #complete} checks the bytes
 * and answers synchronously; durable timers delete the object when it was never completed, and
 * when it was completed but no generation used it within {@link UploadRequest#keepUnused}. Workflow
 * id: {@code upload-<uploadId>}.
 */
@WorkflowInterface
public interface UploadWorkflow {

  String ID_PREFIX = "upload-";

  static String idOf(String uploadId) {
    return ID_PREFIX + uploadId;
  }

  @WorkflowMethod
  void run(UploadRequest request);

  /** Checks the uploaded object (see {@link UploadActivities#verifyUpload}). */
  @UpdateMethod
  UploadCheck complete();
}
