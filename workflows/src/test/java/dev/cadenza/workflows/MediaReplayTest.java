package dev.cadenza.workflows;

import dev.cadenza.workflows.image.ImageGenerationWorkflowImpl;
import dev.cadenza.workflows.imageto3d.ImageTo3dWorkflowImpl;
import dev.cadenza.workflows.render.RenderWorkflowImpl;
import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Replays recorded histories of the image, image-to-3d and render workflows against the current
 * code: a change that would break running workflows (non-determinism) fails here. Histories come
 * from {@link MediaHistoryRecorder}.
 */
class MediaReplayTest {

  @ParameterizedTest
  @CsvSource({
    "histories/image-succeeded.json, image",
    "histories/image-failed.json, image",
    "histories/image-to-3d-url-succeeded.json, image-to-3d",
    "histories/image-to-3d-prompt-failed.json, image-to-3d",
    "histories/render-succeeded.json, render",
    "histories/render-failed.json, render",
    // from version 1 of the local-bookkeeping change on
    "histories/image-succeeded-local-bookkeeping.json, image",
    "histories/image-failed-local-bookkeeping.json, image",
    "histories/image-to-3d-url-succeeded-local-bookkeeping.json, image-to-3d",
    "histories/image-to-3d-prompt-failed-local-bookkeeping.json, image-to-3d",
    "histories/render-succeeded-local-bookkeeping.json, render",
    "histories/render-failed-local-bookkeeping.json, render",
    // image-to-3d from an earlier generation's image (imageFrom)
    "histories/image-to-3d-from-parent-succeeded.json, image-to-3d",
    // publishTo targets with at: one sent at its time (the target refuses it), one canceled
    "histories/render-scheduled.json, render"
  })
  void recordedHistoriesReplay(String history, String type) throws Exception {
    Class<?> workflow = switch (type) {
      case "image" -> ImageGenerationWorkflowImpl.class;
      case "image-to-3d" -> ImageTo3dWorkflowImpl.class;
      default -> RenderWorkflowImpl.class;
    };
    WorkflowReplayer.replayWorkflowExecutionFromResource(history, workflow);
  }
}
