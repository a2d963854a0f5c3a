package dev.cadenza.api.generation;

import dev.cadenza.api.problem.ApiException;
import dev.cadenza.api.problem.FieldProblem;
import dev.cadenza.credits.CreditLedger;
import dev.cadenza.credits.InsufficientCreditsException;
import dev.cadenza.generation.Generation;
import dev.cadenza.generation.GenerationMetrics;
import dev.cadenza.generation.GenerationStatus;
import dev.cadenza.generation.GenerationStore;
import dev.cadenza.generation.NewGeneration;
import dev.cadenza.generation.events.GenerationEventType;
import dev.cadenza.generation.events.GenerationEvents;
import dev.cadenza.workflows.TaskQueues;
import dev.cadenza.workflows.WorkflowIds;
import dev.cadenza.workflows.song.SongGenerationWorkflow;
import dev.cadenza.workflows.song.SongRequest;
import dev.cadenza.workflows.visibility.GenerationSearchAttributes;
import dev.cadenza.workflows.visibility.GenerationVisibility;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts, lists and cancels generations. Accepting one writes its row and holds its cost in a
 * single transaction (so an unaffordable request leaves nothing behind), then starts its
 * workflow with the generation id in the workflow id.
 */
@Service
public class GenerationService {
  private static final Logger log = LoggerFactory.getLogger(GenerationService.class);
  private static final SecureRandom IDS = new SecureRandom();
  static final List<String> TYPES = List.of("song", "image", "image-to-3d", "render");
  /** Log context keys, as in the workers' lines. */
  static final String GENERATION_ID = "generationId";

  static final String WORKFLOW_ID = "workflowId";

  private final GenerationStore store;
  private final CreditLedger ledger;
  private final WorkflowClient temporal;
  private final PricingProperties pricing;
  private final TransactionTemplate tx;
  private final GenerationEvents events;
  private final GenerationMetrics metrics;

  public GenerationService(
      GenerationStore store,
      CreditLedger ledger,
      WorkflowClient temporal,
      PricingProperties pricing,
      PlatformTransactionManager transactions,
      GenerationEvents events,
      GenerationMetrics metrics) {
    this.store = store;
    this.ledger = ledger;
    this.temporal = temporal;
    this.pricing = pricing;
    this.tx = new TransactionTemplate(transactions);
    this.events = events;
    this.metrics = metrics;
  }

  public Generation create(String userId, CreateGenerationRequest request) {
    List<FieldProblem> problems = new ArrayList<>();
    if (request.type() == null) {
      problems.add(new FieldProblem("type", "is required"));
    } else if (!TYPES.contains(request.type())) {
      problems.add(new FieldProblem("type", "must be one of " + String.join(", ", TYPES)));
    } else if (!request.type().equals("song")) {
      throw new ApiException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          "TYPE_NOT_AVAILABLE",
          "Generations of type " + request.type() + " are not available on this server yet.");
    }
    WebhookTarget.check(request.webhook(), request.webhookEvents(), problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    SongInputParser.Parsed song = SongInputParser.parse(request.input());
    String id = newId();
    String workflowId = WorkflowIds.of("song", id);
    long cost = pricing.song();
    // This request's lines name the generation, as the worker's and the GPU worker's do.
    try (MDC.MDCCloseable generation = MDC.putCloseable(GENERATION_ID, id);
        MDC.MDCCloseable workflow = MDC.putCloseable(WORKFLOW_ID, workflowId)) {
      hold(new NewGeneration(
          id, userId, "song", workflowId, song.normalized(), cost, request.webhook()));
      SongRequest songRequest = new SongRequest(id, userId, cost, song.input());
      start(id, workflowId, songRequest);
      log.info("Generation {} accepted: {}; workflow {}", id, songRequest.summary(), workflowId);
    }
    return store.find(id).orElseThrow();
  }

  public Generation owned(String userId, String id) {
    return store
        .find(id)
        .filter(g -> g.userId().equals(userId))
        .orElseThrow(() -> ApiException.notFound("Generation " + id));
  }

  public List<Generation> list(
      String userId, String type, GenerationStatus status, int limit, Long beforeSeq) {
    return store.list(userId, type, status, limit, beforeSeq);
  }

  public Generation cancel(String userId, String id) {
    Generation generation = owned(userId, id);
    if (generation.terminal()) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          "NOT_CANCELABLE",
          "Generation " + id + " has already " + generation.status().dbValue() + ".");
    }
    try {
      temporal.newUntypedWorkflowStub(generation.workflowId()).cancel();
    } catch (WorkflowNotFoundException e) {
      // Its workflow is gone (an embedded Temporal restarted): end it here, once.
      closeOrphan(
          generation, GenerationStatus.CANCELED, "CANCELED", "The generation was canceled.");
    }
    return store.find(id).orElseThrow();
  }

  /** Ends a generation whose workflow no longer exists, and releases its hold. */
  public void closeOrphan(
      Generation generation, GenerationStatus status, String code, String message) {
    boolean closed = tx.execute(t -> {
      boolean failed = store.fail(generation.id(), status, code, message, null);
      if (failed) {
        GenerationEventType ending = status == GenerationStatus.CANCELED
            ? GenerationEventType.CANCELED
            : GenerationEventType.FAILED;
        events.emit(
            generation.id(), ending, GenerationEvents.outcome(status.dbValue(), code, message));
      }
      ledger.release(generation.id());
      return failed;
    });
    if (closed) {
      store.find(generation.id()).ifPresent(g -> metrics.ended(g, List.of()));
    }
  }

  private void hold(NewGeneration generation) {
    try {
      tx.executeWithoutResult(t -> {
        store.insert(generation);
        events.emit(generation.id(), GenerationEventType.STATUS, GenerationEvents.status("queued"));
        ledger.reserve(
            generation.id(),
            generation.userId(),
            generation.cost(),
            generation.type() + " " + generation.id());
      });
    } catch (InsufficientCreditsException e) {
      throw new ApiException(
          HttpStatus.PAYMENT_REQUIRED,
          "INSUFFICIENT_CREDITS",
          "This " + generation.type() + " costs " + e.requested() + " credits; " + e.available()
              + " are available.");
    }
  }

  private void start(String id, String workflowId, SongRequest request) {
    SongGenerationWorkflow workflow = temporal.newWorkflowStub(
        SongGenerationWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setTaskQueue(TaskQueues.GENERATIONS)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            // Findable from the start, before a worker has picked it up; the workflow keeps
            // them current from then on.
            .setTypedSearchAttributes(SearchAttributes.newBuilder()
                .set(GenerationSearchAttributes.GENERATION_TYPE, "song")
                .set(GenerationSearchAttributes.USER_ID, request.userId())
                .set(GenerationSearchAttributes.GENERATION_STATUS, GenerationVisibility.QUEUED)
                .build())
            .setStaticSummary(request.summary())
            .build());
    try {
      WorkflowClient.start(workflow::generate, request);
    } catch (RuntimeException e) {
      log.error("Could not start workflow {}", workflowId, e);
      closeOrphan(
          store.find(id).orElseThrow(),
          GenerationStatus.FAILED,
          "START_FAILED",
          "The generation could not be started.");
      throw new ApiException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "UNAVAILABLE",
          "The workflow service is not reachable; nothing was charged. Try again.");
    }
  }

  private static String newId() {
    byte[] bytes = new byte[10];
    IDS.nextBytes(bytes);
    return "gen_" + HexFormat.of().formatHex(bytes);
  }
}
