package dev.cadenza.workflows.lane;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A user's concurrency lane: at most {@code limit} of the user's generations run at once; the
 * others wait, in submission order, until one ends. Generation workflows {@link #join} it (a
 * local activity signals-with-start it), wait for its grant signal ({@link
 * dev.cadenza.workflows.generation.GenerationWorkflow#LANE_GRANTED}), and {@link #leave} it when
 * they end, however they end. The waiting is Temporal's: no poller, nothing lost on a restart
 * of a worker. Workflow id: {@code lane-<userId>}. It ends by itself after a while idle.
 */
@WorkflowInterface
public interface UserLaneWorkflow {

  String ID_PREFIX = "lane-";

  static String idOf(String userId) {
    return ID_PREFIX + userId;
  }

  @WorkflowMethod
  void run(LaneState state);

  /** Asks for a slot. Idempotent: a ticket already running or waiting is not added again. */
  @SignalMethod
  void join(LaneTicket ticket);

  /** Gives the slot back, or gives up waiting. Unknown ids are ignored. */
  @SignalMethod
  void leave(String generationId);

  /** A new limit from the user's settings; applies to what waits now. */
  @SignalMethod
  void setLimit(int limit);

  @QueryMethod
  LaneState state();
}
