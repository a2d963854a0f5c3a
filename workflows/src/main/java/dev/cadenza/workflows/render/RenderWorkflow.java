package dev.cadenza.workflows.render;

import dev.cadenza.workflows.generation.GenerationWorkflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A timeline rendered to an H.264 MP4 and a thumbnail: the user's source files are fetched, the
 * GPU fleet renders (with progress), the outputs are stored, the credits captured, then each
 * {@code publishTo} target gets the render by its own activity with retries (a failed
 * publication is reported in the output, it does not fail the render). Any failure or
 * cancellation before the outputs are stored releases the hold. Workflow id: {@code
 * render-<generationId>}.
 */
@WorkflowInterface
public interface RenderWorkflow extends GenerationWorkflow {

  String ID_PREFIX = "render-";

  @WorkflowMethod
  RenderOutput generate(RenderRequest request);
}
