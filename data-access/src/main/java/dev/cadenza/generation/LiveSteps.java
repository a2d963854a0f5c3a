package dev.cadenza.generation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadenza.workflows.generation.GenerationWorkflow;
import dev.cadenza.workflows.generation.StepState;
import dev.cadenza.workflows.generation.StepStatus;
import dev.cadenza.workflows.generation.StepsSnapshot;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where a generation's steps stand when the read model has none: a running one's workflow is
 * asked; failing that (its worker away, the workflow lost or terminated) the event log tells.
 */
@Component
class LiveSteps {
  private static final Logger log = LoggerFactory.getLogger(LiveSteps.class);
  private final WorkflowClient temporal;
  private final OutputDocument documents;
  private final StepHistory history;

  LiveSteps(WorkflowClient temporal, OutputDocument documents, StepHistory history) {
    this.temporal = temporal;
    this.documents = documents;
    this.history = history;
  }

  /** The steps that had started by event {@code eventId}, as they stood then. */
  JsonNode asOf(Generation generation, long eventId) {
    return documents.steps(history.asOf(generation.id(), eventId));
  }

  /** Steps the workflow told (in an update's answer), as the view shows them. */
  JsonNode known(List<StepState> steps) {
    return documents.steps(steps);
  }

  /** The steps that started, from the event log; an ended generation's unfinished one ended too. */
  JsonNode fromLog(Generation generation) {
    StepStatus unfinished = switch (generation.status()) {
      case CANCELED -> StepStatus.CANCELED;
      case FAILED -> StepStatus.FAILED;
      default -> null;
    };
    return documents.steps(history.of(generation.id(), unfinished));
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
