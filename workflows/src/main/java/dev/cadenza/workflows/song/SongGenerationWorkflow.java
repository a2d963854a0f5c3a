package dev.cadenza.workflows.song;

import dev.cadenza.workflows.generation.GenerationType;
import dev.cadenza.workflows.generation.GenerationWorkflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A song from a description or from the user's own prompt and lyrics: the LLM writes what is
 * missing, the GPU fleet renders audio and cover art, the outputs are stored and published and
 * the credits captured. Any failure or cancellation releases the hold and discards the files.
 * Workflow id: {@code song-<generationId>}.
 */
@WorkflowInterface
public interface SongGenerationWorkflow extends GenerationWorkflow {

  String ID_PREFIX = GenerationType.SONG.idPrefix();

  @WorkflowMethod
  SongOutput generate(SongRequest request);
}
