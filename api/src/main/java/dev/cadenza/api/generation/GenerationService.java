package dev.cadenza.api.generation;

import dev.cadenza.api.account.ConcurrencyLimits;
import dev.cadenza.api.problem.ApiException;
import dev.cadenza.api.problem.FieldProblem;
import dev.cadenza.api.problem.InvalidInputException;
import dev.cadenza.api.uploads.UploadReferences;
import dev.cadenza.api.webhooks.WebhookTargets;
import dev.cadenza.generation.Generation;
import dev.cadenza.generation.GenerationStatus;
import dev.cadenza.generation.GenerationStore;
import dev.cadenza.workflows.batch.BatchItem;
import dev.cadenza.workflows.credits.Admission;
import dev.cadenza.workflows.credits.AdmittedGeneration;
import dev.cadenza.workflows.credits.ReserveAnswer;
import dev.cadenza.workflows.generation.StepState;
import dev.cadenza.workflows.visibility.OperatorSummary;
import java.net.URI;
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
 * Accepts and lists generations; how they end outside their workflows is {@link
 * GenerationEndings}. Accepting one starts its workflow (the generation id in the workflow id) with
 * Update-With-Start: the workflow's {@code reserve} update writes the row
 * and holds the cost in one transaction and answers held or not, so an unaffordable request is
 * refused here (402), leaving nothing behind and nothing running. The API writes no hold.
 */
@Service
public class GenerationService {
  private static final Logger log = LoggerFactory.getLogger(GenerationService.class);
  private static final SecureRandom IDS = new SecureRandom();
  static final List<String> TYPES = GenerationTypes.TYPES;
  /** Log context keys, as in the workers' lines. */
  static final String GENERATION_ID = "generationId";

  static final String WORKFLOW_ID = "workflowId";

  private final GenerationStore store;
  private final GenerationTypes types;
  private final TransactionTemplate tx;
  private final ConcurrencyLimits limits;
  private final WebhookTargets webhookTargets;
  private final UploadReferences uploads;
  private final ReserveStarts starts;
  private final GenerationEndings endings;

  public GenerationService(
      GenerationStore store,
      GenerationTypes types,
      PlatformTransactionManager transactions,
      ConcurrencyLimits limits,
      WebhookTargets webhookTargets,
      UploadReferences uploads,
      ReserveStarts starts,
      GenerationEndings endings) {
    this.endings = endings;
    this.starts = starts;
    this.uploads = uploads;
    this.limits = limits;
    this.webhookTargets = webhookTargets;
    this.store = store;
    this.types = types;
    this.tx = new TransactionTemplate(transactions);
  }

  /** Accepts one generation: see {@link #createAll}. */
  public Submitted create(String userId, CreateGenerationRequest request) {
    return createAll(userId, List.of(request), "", null).get(0);
  }

  /** The most generations one batch may ask for. */
  public static final int MAX_BATCH = 8;

  /**
   * Accepts a batch: each item is its own generation, workflow and hold, but the rows and holds
   * are written in one transaction (by the batch workflow's {@code reserve} update, which then
   * starts the items' workflows), so a batch the user cannot afford entirely leaves nothing
   * behind (402), as does an invalid item (422, fields named {@code items[i].…}).
   */
  public List<Submitted> createBatch(
      String userId, String batchId, List<CreateGenerationRequest> items) {
    if (items == null || items.isEmpty() || items.size() > MAX_BATCH) {
      throw new InvalidInputException(List.of(new FieldProblem(
          "items", "must hold between 1 and " + MAX_BATCH + " generation requests")));
    }
    return createAll(userId, items, "items[%d].", batchId);
  }

  private record Accepted(
      String id,
      String workflowId,
      PreparedGeneration prepared,
      CreateGenerationRequest request,
      UploadReferences.Claims uploads) {}

  /** @param batchId null for a single generation */
  private List<Submitted> createAll(
      String userId, List<CreateGenerationRequest> requests, String fieldPrefix, String batchId) {
    List<Accepted> accepted = new ArrayList<>();
    List<FieldProblem> problems = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      String prefix = fieldPrefix.formatted(i);
      try {
        accepted.add(accept(userId, requests.get(i), prefix));
      } catch (InvalidInputException e) {
        e.errors().forEach(p -> problems.add(new FieldProblem(prefix + p.field(), p.message())));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    markUploadsUsed(accepted);
    int limit = limits.of(userId);
    List<BatchItem> items = new ArrayList<>();
    for (Accepted a : accepted) {
      PreparedGeneration prepared = a.prepared();
      Object argument = prepared.argument().of(a.id(), userId, limit);
      // The line the workflow puts in its memo, so that the UI shows one summary, not two.
      String summary = OperatorSummary.of(argument, prepared.type(), prepared.cost());
      items.add(new BatchItem(
          prepared.type().workflowType(),
          a.workflowId(),
          prepared.type(),
          userId,
          summary,
          argument));
    }
    Admission admission =
        new Admission(accepted.stream().map(a -> admitted(userId, a)).toList());
    ReserveAnswer answer;
    try {
      answer = batchId == null
          ? starts.generation(items.get(0), admission)
          : starts.batch(batchId, items, admission);
    } catch (ReserveStarts.StartFailed e) {
      throw unavailable(admission);
    }
    if (!answer.held()) {
      throw insufficient(accepted, admission.total(), answer.available());
    }
    List<Submitted> created = new ArrayList<>();
    for (int i = 0; i < accepted.size(); i++) {
      Accepted a = accepted.get(i);
      // This request's lines name the generation, as the worker's and the GPU worker's do.
      try (MDC.MDCCloseable generation = MDC.putCloseable(GENERATION_ID, a.id());
          MDC.MDCCloseable workflow = MDC.putCloseable(WORKFLOW_ID, a.workflowId())) {
        log.info(
            "Generation {} accepted: {}; workflow {}",
            a.id(),
            items.get(i).summary(),
            a.workflowId());
      }
      // A generation's own workflow answered with its steps; a batch's answers for all items.
      List<StepState> steps = batchId == null ? answer.steps() : null;
      created.add(new Submitted(store.find(a.id()).orElseThrow(), steps));
    }
    return created;
  }

  /**
   * Checks and prices one request; nothing is written.
   *
   * @param fieldPrefix before the fields of a problem found later, in the create transaction
   */
  private Accepted accept(String userId, CreateGenerationRequest request, String fieldPrefix) {
    List<FieldProblem> problems = new ArrayList<>();
    WebhookTarget.check(request.webhook(), request.webhookEvents(), problems);
    if (request.webhook() != null && problems.isEmpty()) {
      String refused = webhookTargets.quickProblem(URI.create(request.webhook()));
      if (refused != null) {
        problems.add(
            new FieldProblem("webhook", "must be an http(s) URL to a public host: " + refused));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    UploadReferences.Claims claims = uploads.forUser(userId, fieldPrefix);
    PreparedGeneration prepared = types.prepare(userId, request.input(), claims);
    String id = newId();
    return new Accepted(id, prepared.type().workflowId(id), prepared, request, claims);
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

  /**
   * The uploads the requests name are used from now on, so never deleted: or 422 if one expired
   * since it was resolved. Before the start, so that no generation runs on an expired upload; a
   * request then refused (402) leaves them kept, as a used upload is.
   */
  private void markUploadsUsed(List<Accepted> accepted) {
    tx.executeWithoutResult(t -> accepted.forEach(a -> a.uploads().markUsed()));
  }

  private static AdmittedGeneration admitted(String userId, Accepted a) {
    PreparedGeneration prepared = a.prepared();
    return new AdmittedGeneration(
        a.id(),
        userId,
        prepared.type(),
        a.workflowId(),
        prepared.input().toString(),
        prepared.cost(),
        a.request().webhook(),
        a.request().webhookEvents(),
        prepared.parentId());
  }

  private static ApiException insufficient(List<Accepted> accepted, long total, long available) {
    String what = accepted.size() == 1
        ? "This " + accepted.get(0).prepared().type() + " costs " + total + " credits"
        : "These " + accepted.size() + " generations cost " + total + " credits";
    return new ApiException(
        HttpStatus.PAYMENT_REQUIRED,
        "INSUFFICIENT_CREDITS",
        what + "; " + available + " are available. Nothing was held.");
  }

  /**
   * After a failed start: ends (releasing their holds) the generations the update may have
   * admitted after all, so that the 503 stays true.
   */
  private ApiException unavailable(Admission admission) {
    for (AdmittedGeneration g : admission.generations()) {
      store
          .find(g.generationId())
          .ifPresent(found -> endings.closeOrphan(
              found,
              GenerationStatus.FAILED,
              "START_FAILED",
              "The generation could not be started."));
    }
    return new ApiException(
        HttpStatus.SERVICE_UNAVAILABLE,
        "UNAVAILABLE",
        "The workflow service is not reachable; nothing was charged. Try again.");
  }

  private static String newId() {
    byte[] bytes = new byte[10];
    IDS.nextBytes(bytes);
    return "gen_" + HexFormat.of().formatHex(bytes);
  }
}
