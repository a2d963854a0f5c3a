package dev.cadenza.lane;

import dev.cadenza.workflows.lane.LaneActivities;
import dev.cadenza.workflows.lane.LaneState;
import dev.cadenza.workflows.lane.LaneTicket;
import dev.cadenza.workflows.lane.UserLaneWorkflow;
import io.temporal.activity.Activity;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;

/**
 * Joins a user's lane: a client call (signal-with-start), so it lives with the activities, not in
 * the pure workflow module. It must be registered on every worker that runs generation
 * workflows, since local activities run in the worker of the workflow that calls them.
 */
public class LaneActivitiesImpl implements LaneActivities {
  private final WorkflowClient client;

  public LaneActivitiesImpl(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public void joinLane(String userId, LaneTicket ticket) {
    for (int attempt = 1; ; attempt++) {
      // A stub starts one execution at most: a fresh one per try.
      UserLaneWorkflow lane = client.newWorkflowStub(
          UserLaneWorkflow.class,
          WorkflowOptions.newBuilder()
              .setWorkflowId(UserLaneWorkflow.idOf(userId))
              .setTaskQueue(Activity.getExecutionContext().getInfo().getActivityTaskQueue())
              // Join the running lane; start one only when none runs.
              .setWorkflowIdConflictPolicy(
                  WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
              .build());
      BatchRequest request = client.newSignalWithStartRequest();
      request.add(lane::run, LaneState.empty(userId, ticket.limit()));
      request.add(lane::join, ticket);
      try {
        client.signalWithStart(request);
        return;
      } catch (WorkflowExecutionAlreadyStarted raced) {
        // Two joins racing to start the lane: the loser finds it running on the next try.
        // (The Temporal test server answers this way; a real server signals the winner's run.)
        if (attempt == 5) {
          throw raced;
        }
        try {
          Thread.sleep(20L * attempt);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw raced;
        }
      }
    }
  }
}
