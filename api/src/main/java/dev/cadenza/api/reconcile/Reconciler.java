package dev.cadenza.api.reconcile;

import dev.cadenza.api.generation.GenerationEndings;
import dev.cadenza.generation.Generation;
import dev.cadenza.generation.GenerationStatus;
import dev.cadenza.generation.GenerationStore;
import dev.cadenza.webhook.WebhookStarter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Closes what no workflow will close any more, once: a {@code queued}/{@code running} generation
 * whose workflow closed without recording an outcome (terminated from the UI, timed out) or is
 * gone (the SDK's in-memory test server loses its workflows at a restart; a durable server does
 * not) is failed and its hold released. Holds need no sweep of their own: the workflow's {@code
 * reserve} update writes each with its generation's row, in one transaction, so every hold has
 * a generation whose ending releases it.
 *
 * <p>It runs at start and every {@code app.reconcile.period}. A workflow that closed without an
 * outcome is acted on at the next run, whatever the generation's age, so a termination is
 * reconciled within one period. One that is missing must be older than {@code
 * app.reconcile.grace} (at start: older than this process): the visibility store learns of a
 * workflow a moment after it started (and admitted its row). Several processes may
 * reconcile at once: each fix is made, logged with its id and counted in {@code
 * cadenza.reconciliation.*} by the one process that made it. The workflows' statuses come from
 * one visibility query per period where the server has them ({@link WorkflowStatuses}).
 */
@Component
public class Reconciler {
  private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

  /** What one run fixed. */
  public record Report(List<String> failedGenerations) {}

  private record Ending(String code, String message) {}

  private final GenerationStore store;
  private final GenerationEndings endings;
  private final WorkflowStatuses workflows;
  private final Duration grace;
  private final Counter failedCounter;
  private final Instant bootedAt = Instant.now();
  private final ObjectProvider<WebhookStarter> webhooks;

  public Reconciler(
      GenerationStore store,
      GenerationEndings endings,
      WorkflowStatuses workflows,
      MeterRegistry meters,
      @Value("${app.reconcile.grace:30s}") Duration grace,
      ObjectProvider<WebhookStarter> webhooks) {
    this.webhooks = webhooks;
    this.store = store;
    this.endings = endings;
    this.workflows = workflows;
    this.grace = grace;
    this.failedCounter = meters.counter("cadenza.reconciliation.generations.failed");
  }

  @EventListener(ApplicationReadyEvent.class)
  public void afterStart() {
    reconcile(bootedAt);
    webhooks.ifAvailable(w -> w.startPending(bootedAt));
  }

  @Scheduled(
      fixedDelayString = "${app.reconcile.period:60s}",
      initialDelayString = "${app.reconcile.period:60s}")
  public void periodically() {
    reconcile(Instant.now().minus(grace));
    // Webhook messages whose delivery did not start with their event (a crash, Temporal away).
    webhooks.ifAvailable(w -> w.startPending(Instant.now().minus(grace)));
  }

  /**
   * Fails generations whose workflow closed without an outcome; those whose workflow is missing
   * only when created before {@code cutoff}. Safe to run anywhere, any number of
   * times, also concurrently: the report lists what this call fixed.
   */
  public Report reconcile(Instant cutoff) {
    List<String> failed = new ArrayList<>();
    List<Generation> open = store.open();
    Map<String, WorkflowExecutionStatus> statuses =
        workflows.current(open.stream().map(Generation::workflowId).toList());
    for (Generation generation : open) {
      boolean settled = generation.createdAt().isBefore(cutoff);
      Optional<WorkflowExecutionStatus> workflow =
          Optional.ofNullable(statuses.get(generation.workflowId()));
      Optional<Ending> ending = workflowEnding(workflow, settled);
      if (ending.isPresent() && close(generation, workflow.isPresent(), ending.get())) {
        failed.add(generation.id());
        log.warn(
            "Reconciled generation {}: {}; its hold was released",
            generation.id(),
            ending.get().code());
      }
    }
    failedCounter.increment(failed.size());
    return new Report(failed);
  }

  /** A closed workflow can still say its steps; a lost one cannot. */
  private boolean close(Generation generation, boolean workflowExists, Ending ending) {
    return workflowExists
        ? endings.closeStopped(generation, GenerationStatus.FAILED, ending.code(), ending.message())
        : endings.closeOrphan(generation, GenerationStatus.FAILED, ending.code(), ending.message());
  }

  /**
   * Empty while the workflow runs, or may still be starting; otherwise why it will never record
   * an outcome.
   *
   * @param settled older than the grace: a missing workflow is lost, not about to start
   */
  private Optional<Ending> workflowEnding(
      Optional<WorkflowExecutionStatus> found, boolean settled) {
    if (found.isEmpty()) {
      if (!settled) {
        return Optional.empty();
      }
      return Optional.of(new Ending(
          "INTERRUPTED",
          "This generation's workflow was lost (a restart of a Temporal server that keeps no"
              + " state); its credits were released."));
    }
    WorkflowExecutionStatus status = found.get();
    return switch (status) {
      case WORKFLOW_EXECUTION_STATUS_RUNNING -> Optional.empty();
      case WORKFLOW_EXECUTION_STATUS_TERMINATED ->
        Optional.of(new Ending(
            "TERMINATED", "An operator stopped this generation; its credits were released."));
      case WORKFLOW_EXECUTION_STATUS_TIMED_OUT ->
        Optional.of(
            new Ending("TIMEOUT", "This generation took too long; its credits were released."));
      default ->
        Optional.of(new Ending(
            "INTERRUPTED", "This generation ended without a result; its credits were released."));
    };
  }
}
