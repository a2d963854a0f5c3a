package dev.cadenza.api.reconcile;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowNotFoundException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The status of many workflows at once. A real Temporal server answers one visibility list query
 * per {@value #IDS_PER_QUERY} workflows; the SDK's test server has no visibility queries, so
 * there each workflow is described on its own (found out at the first call, once).
 *
 * <p>Visibility trails the workflows by a moment: a workflow closed just now may still be listed
 * as running, and one started just now may not be listed yet. Callers act on "closed" and treat
 * "missing" with a grace, so the worst case is one period's delay.
 */
@Component
public class WorkflowStatuses {
  private static final Logger log = LoggerFactory.getLogger(WorkflowStatuses.class);
  public static final int IDS_PER_QUERY = 100;

  private final WorkflowClient temporal;
  private final AtomicBoolean visibility = new AtomicBoolean(true);

  WorkflowStatuses(WorkflowClient temporal) {
    this.temporal = temporal;
  }

  /** Each id's latest execution status; ids without any execution are absent. */
  public Map<String, WorkflowExecutionStatus> of(List<String> workflowIds) {
    if (workflowIds.isEmpty()) {
      return Map.of();
    }
    if (visibility.get()) {
      try {
        return listed(workflowIds);
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED
            && e.getStatus().getCode() != Status.Code.INVALID_ARGUMENT) {
          throw e;
        }
        log.info(
            "This Temporal server has no visibility queries ({}): reconciliation describes each"
                + " open generation's workflow instead",
            e.getStatus().getCode());
        visibility.set(false);
      }
    }
    return described(workflowIds);
  }

  /**
   * As {@link #of}, but exact for a workflow closed a moment ago when there are few: the ones
   * visibility lists as running are described (a consistent read) while they fit in one query, so
   * that one stopped by an operator just now is seen closed now rather than a period later. With
   * more, visibility alone answers (the describes would cost one call each, every period).
   */
  public Map<String, WorkflowExecutionStatus> current(List<String> workflowIds) {
    Map<String, WorkflowExecutionStatus> statuses = new HashMap<>(of(workflowIds));
    if (visibility.get() && workflowIds.size() <= IDS_PER_QUERY) {
      statuses.replaceAll(
          (id, status) -> status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
              ? describe(id).orElse(status)
              : status);
    }
    return statuses;
  }

  /** Whether the last call used visibility queries. */
  public boolean usesVisibility() {
    return visibility.get();
  }

  private Map<String, WorkflowExecutionStatus> listed(List<String> workflowIds) {
    Map<String, WorkflowExecutionStatus> statuses = new HashMap<>();
    for (int from = 0; from < workflowIds.size(); from += IDS_PER_QUERY) {
      List<String> chunk =
          workflowIds.subList(from, Math.min(workflowIds.size(), from + IDS_PER_QUERY));
      // Ids are ours (type prefix + generated id): no quote can occur in them.
      String query = chunk.stream()
          .map(id -> "'" + id + "'")
          .collect(Collectors.joining(", ", "WorkflowId IN (", ")"));
      // A workflow id may have several runs (a retried generation): the latest one counts.
      temporal
          .listExecutions(query)
          .collect(Collectors.groupingBy(
              metadata -> metadata.getExecution().getWorkflowId(),
              Collectors.maxBy(Comparator.comparing(WorkflowExecutionMetadata::getStartTime))))
          .forEach((id, latest) -> latest.ifPresent(m -> statuses.put(id, m.getStatus())));
    }
    return statuses;
  }

  private Map<String, WorkflowExecutionStatus> described(List<String> workflowIds) {
    Map<String, WorkflowExecutionStatus> statuses = new HashMap<>();
    for (String id : workflowIds) {
      describe(id).ifPresent(status -> statuses.put(id, status));
    }
    return statuses;
  }

  private Optional<WorkflowExecutionStatus> describe(String workflowId) {
    try {
      return Optional.of(temporal.newUntypedWorkflowStub(workflowId).describe().getStatus());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    }
  }
}
