package dev.cadenza.workflows.imageto3d;

import dev.cadenza.workflows.generation.GenerationType;
import dev.cadenza.workflows.generation.GenerationWorkflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A 3D model (GLB) from the user's picture ({@code fetchImage}, guarded), from a prompt
 * ({@code generateImage} first) or from the stored image of an earlier generation (both image
 * steps skipped), then {@code generateMesh} on the GPU fleet. Any failure or
 * cancellation, whichever step it hits, releases the whole hold: nothing is spent. Workflow id:
 * {@code image-to-3d-<generationId>}.
 */
@WorkflowInterface
public interface ImageTo3dWorkflow extends GenerationWorkflow {

  String ID_PREFIX = GenerationType.IMAGE_TO_3D.idPrefix();

  @WorkflowMethod
  ImageTo3dOutput generate(ImageTo3dRequest request);
}
