package dev.cadenza.workflows.lane;

import io.temporal.activity.Activity;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;

/**
 * The lane join of the workflow tests. The service's own ({@code dev.cadenza.lane.
 * LaneActivitiesImpl} in the activities module, which is tested on its own) cannot be used here:
 * this module does no I/O and depends on no other. It keeps this name so that the workflow tests
 * read as before. Same call: signal-with-start of the user's lane, tried again when two joins
 * race to start it (the Temporal test server then answers "already started").
 */
public class LaneActivitiesImpl implements LaneActivities {
  private final WorkflowClient client;

  public LaneActivitiesImpl(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public void joinLane(String userId, LaneTicket ticket) {
    for (int attempt = 1; ; attempt++) {
      UserLaneWorkflow lane = client.newWorkflowStub(
          UserLaneWorkflow.class,
          WorkflowOptions.newBuilder()
              .setWorkflowId(UserLaneWorkflow.idOf(userId))
              .setTaskQueue(Activity.getExecutionContext().getInfo().getActivityTaskQueue())
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
