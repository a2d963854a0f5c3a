package dev.cadenza.workflows.image;

import dev.cadenza.workflows.generation.GenerationType;
import dev.cadenza.workflows.generation.GenerationWorkflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A PNG from a prompt: the GPU fleet paints it, it is stored and published and the credits
 * captured; any failure or cancellation releases the hold. Workflow id: {@code
 * image-<generationId>}.
 */
@WorkflowInterface
public interface ImageGenerationWorkflow extends GenerationWorkflow {

  String ID_PREFIX = GenerationType.IMAGE.idPrefix();

  @WorkflowMethod
  ImageOutput generate(ImageGenerationRequest request);
}
