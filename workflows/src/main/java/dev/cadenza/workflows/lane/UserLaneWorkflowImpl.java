package dev.cadenza.workflows.lane;

import dev.cadenza.workflows.generation.GenerationWorkflow;
import io.temporal.workflow.Async;
import io.temporal.workflow.ExternalWorkflowStub;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

public class UserLaneWorkflowImpl implements UserLaneWorkflow {
  /** How long an empty lane stays open before it ends (the next join starts a new one). */
  static final Duration IDLE = Duration.ofMinutes(10);

  /** Signals handled before the history is rolled over with continue-as-new. */
  static final int SIGNALS_PER_RUN = 1_000;

  private static final Comparator<LaneTicket> SUBMISSION_ORDER = Comparator.comparingLong(
          LaneTicket::submittedAtMillis)
      .thenComparing(LaneTicket::generationId);

  private String userId;
  private int limit;
  private final Map<String, LaneTicket> running = new LinkedHashMap<>();
  private final TreeSet<LaneTicket> waiting = new TreeSet<>(SUBMISSION_ORDER);
  private final List<Promise<Void>> grants = new ArrayList<>();
  private int changes;
  private int signals;

  @Override
  public void run(LaneState state) {
    userId = state.userId();
    limit = Math.max(1, state.limit());
    state.running().forEach(t -> running.put(t.generationId(), t));
    waiting.addAll(state.waiting());
    while (true) {
      grantFreeSlots();
      int seen = changes;
      if (running.isEmpty() && waiting.isEmpty()) {
        if (!Workflow.await(IDLE, () -> changes != seen)) {
          return; // idle: a join arriving now is kept by Temporal and starts the next run
        }
        continue;
      }
      if (signals >= SIGNALS_PER_RUN || Workflow.getInfo().isContinueAsNewSuggested()) {
        // Outstanding grants settle first, so a failed one still frees its slot in this run.
        Promise.allOf(grants).get();
        grantFreeSlots();
        Workflow.continueAsNew(state());
      }
      Workflow.await(() -> changes != seen);
    }
  }

  @Override
  public void join(LaneTicket ticket) {
    signals++;
    limit = Math.max(1, ticket.limit());
    if (!running.containsKey(ticket.generationId()) && !isWaiting(ticket.generationId())) {
      waiting.add(ticket);
    }
    changes++;
  }

  @Override
  public void leave(String generationId) {
    signals++;
    running.remove(generationId);
    waiting.removeIf(t -> t.generationId().equals(generationId));
    changes++;
  }

  @Override
  public void setLimit(int limit) {
    signals++;
    this.limit = Math.max(1, limit);
    changes++;
  }

  @Override
  public LaneState state() {
    return new LaneState(
        userId, limit, List.copyOf(running.values()), List.copyOf(new ArrayList<>(waiting)));
  }

  private boolean isWaiting(String generationId) {
    return waiting.stream().anyMatch(t -> t.generationId().equals(generationId));
  }

  private void grantFreeSlots() {
    grants.removeIf(Promise::isCompleted);
    while (running.size() < limit && !waiting.isEmpty()) {
      LaneTicket next = waiting.pollFirst();
      running.put(next.generationId(), next);
      ExternalWorkflowStub generation = Workflow.newUntypedExternalWorkflowStub(next.workflowId());
      Promise<Void> grant =
          Async.procedure(() -> generation.signal(GenerationWorkflow.LANE_GRANTED));
      grants.add(grant.handle((ok, failure) -> {
        if (failure != null) {
          // The generation's workflow is gone (it ended while waiting): its slot is free again.
          running.remove(next.generationId());
          changes++;
        }
        return null;
      }));
    }
  }
}
