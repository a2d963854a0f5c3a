package dev.cadenza.workflows.batch;

import dev.cadenza.workflows.generation.GenerationType;

/**
 * One generation of a batch, as the API would have started it alone.
 *
 * @param workflowType the generation workflow's type ({@code SongGenerationWorkflow}, ...)
 * @param argument its workflow method's argument ({@code SongRequest}, ...); it travels as the
 *     same JSON, so the batch needs no knowledge of the types
 * @param summary the one line operators see for it in the Temporal UI
 */
public record BatchItem(
    String workflowType,
    String workflowId,
    GenerationType type,
    String userId,
    String summary,
    Object argument) {}
