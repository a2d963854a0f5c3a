package dev.cadenza.api.publication;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadenza.api.generation.GenerationService;
import dev.cadenza.api.problem.ApiException;
import dev.cadenza.api.problem.ProblemCode;
import dev.cadenza.generation.Generation;
import dev.cadenza.workflows.generation.GenerationType;
import dev.cadenza.workflows.render.Publication;
import dev.cadenza.workflows.render.RenderWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Calls off a render's scheduled publication. While the render's workflow runs it decides, by its
 * {@code cancelPublication} update: the validator refuses synchronously (no such publication: 404;
 * no longer waiting: 409), and an accepted cancel answers once the read model shows it. When the
 * workflow has closed (every publication settled), the read model answers: a canceled one is
 * canceled again (200), any other is 409.
 */
@Service
public class PublicationCancellation {
  private final GenerationService generations;
  private final WorkflowClient temporal;

  PublicationCancellation(GenerationService generations, WorkflowClient temporal) {
    this.generations = generations;
    this.temporal = temporal;
  }

  /** The generation after the cancel; another user's generation is 404, like a missing one. */
  public Generation cancel(String userId, String id, String index) {
    Generation generation = generations.owned(userId, id);
    int position = position(id, index);
    if (!GenerationType.RENDER.is(generation.type())) {
      throw noSuchPublication(id, index);
    }
    try {
      temporal
          .newWorkflowStub(RenderWorkflow.class, generation.workflowId())
          .cancelPublication(position);
    } catch (WorkflowUpdateException e) {
      RenderWorkflow.Refusal refusal = RenderWorkflow.refusal(e)
          .orElseThrow(() -> notCancelable(id, index, "its render cannot take a cancel now."));
      if (refusal.type().equals(RenderWorkflow.NO_SUCH_PUBLICATION)) {
        throw noSuchPublication(id, index);
      }
      throw notCancelable(id, index, refusal.reason());
    } catch (WorkflowNotFoundException closed) {
      fromReadModel(generations.owned(userId, id), position, index);
    }
    return generations.owned(userId, id);
  }

  /** The workflow has closed: every publication is settled as the read model shows it. */
  private static void fromReadModel(Generation generation, int position, String index) {
    JsonNode publication = generation.output() == null
        ? null
        : generation.output().path("publications").get(position);
    if (publication == null || !publication.isObject()) {
      throw noSuchPublication(generation.id(), index);
    }
    String status = publication.path("status").asText();
    if (!status.equals(Publication.CANCELED)) {
      throw notCancelable(generation.id(), index, "it is already " + status + ".");
    }
  }

  private static int position(String id, String index) {
    try {
      return Integer.parseInt(index);
    } catch (NumberFormatException e) {
      throw noSuchPublication(id, index);
    }
  }

  private static ApiException noSuchPublication(String id, String index) {
    return ApiException.notFound("Publication " + index + " of generation " + id);
  }

  private static ApiException notCancelable(String id, String index, String reason) {
    return new ApiException(
        HttpStatus.CONFLICT,
        ProblemCode.NOT_CANCELABLE,
        "Publication " + index + " of generation " + id + " cannot be canceled: " + reason
            + " Only a scheduled publication still waiting for its time can be canceled.");
  }
}
