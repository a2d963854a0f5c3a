package dev.cadenza.api.generation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadenza.generation.Generation;
import dev.cadenza.generation.OutputDocument;
import dev.cadenza.workflows.generation.GenerationWorkflow;
import dev.cadenza.workflows.generation.StepsSnapshot;
import io.temporal.client.WorkflowClient;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Asks a running generation's workflow where its steps stand. */
@Component
class LiveSteps {
  private static final Logger log = LoggerFactory.getLogger(LiveSteps.class);
  private final WorkflowClient temporal;
  private final OutputDocument documents;

  LiveSteps(WorkflowClient temporal, OutputDocument documents) {
    this.temporal = temporal;
    this.documents = documents;
  }

  Optional<JsonNode> of(Generation generation) {
    try {
      StepsSnapshot snapshot = temporal
          .newUntypedWorkflowStub(generation.workflowId())
          .query(GenerationWorkflow.STEPS_QUERY, StepsSnapshot.class);
      return Optional.of(documents.steps(snapshot.steps()));
    } catch (RuntimeException e) {
      // Not started yet, or its worker is away: the stored steps are the best answer.
      log.debug("Steps query for {} failed: {}", generation.id(), e.toString());
      return Optional.empty();
    }
  }
}
