package dev.cadenza.workflows;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.*;

import dev.cadenza.workflows.generation.GenerationWorkflow;
import dev.cadenza.workflows.lane.LaneState;
import dev.cadenza.workflows.lane.LaneTicket;
import dev.cadenza.workflows.lane.UserLaneWorkflow;
import dev.cadenza.workflows.lane.UserLaneWorkflowImpl;
import dev.cadenza.workflows.webhook.WebhookActivities;
import dev.cadenza.workflows.webhook.WebhookDeliveryWorkflow;
import dev.cadenza.workflows.webhook.WebhookDeliveryWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.EncodedValues;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.DynamicWorkflow;
import io.temporal.workflow.Workflow;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the histories {@link LaneAndWebhookReplayTest} replays: a user's lane that queues a
 * second generation behind the first (limit 1), grants it when the first leaves, grants a third
 * whose workflow is already gone, then ends idle; and webhook deliveries that succeed on the
 * third attempt or are refused and given up. Run it after an intended, versioned change of
 * either workflow: {@code ./mvnw -pl workflows test -Dtest=LaneAndWebhookHistoryRecorder
 * -DrecordHistories=true}.
 */
@EnabledIfSystemProperty(named = "recordHistories", matches = "true")
class LaneAndWebhookHistoryRecorder {
  private static final String QUEUE = "replay";
  private static final String USER = "usr_1";

  /** Stands in for a generation workflow: it only waits for its lane grant. */
  public static class GrantedGeneration implements DynamicWorkflow {
    private boolean granted;

    @Override
    public Object execute(EncodedValues args) {
      Workflow.registerListener((io.temporal.workflow.DynamicSignalHandler) (name, values) -> {
        if (GenerationWorkflow.LANE_GRANTED.equals(name)) {
          granted = true;
        }
      });
      Workflow.await(() -> granted);
      return null;
    }
  }

  @Test
  void recordLane() throws Exception {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker(QUEUE);
      worker.registerWorkflowImplementationTypes(
          UserLaneWorkflowImpl.class, GrantedGeneration.class);
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      WorkflowStub first = generation(client, "gen_a");
      WorkflowStub second = generation(client, "gen_b");
      String laneId = UserLaneWorkflow.idOf(USER);
      UserLaneWorkflow lane = client.newWorkflowStub(
          UserLaneWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId(laneId).setTaskQueue(QUEUE).build());
      WorkflowClient.start(lane::run, LaneState.empty(USER, 1));
      lane.join(new LaneTicket("gen_a", "image-gen_a", 1, 1));
      lane.join(new LaneTicket("gen_b", "image-gen_b", 2, 1));
      first.getResult(Void.class); // granted at once
      lane.leave("gen_a");
      second.getResult(Void.class); // granted once the first left
      // A generation whose workflow never existed (it ended while waiting): its grant fails and
      // its slot is freed again.
      lane.join(new LaneTicket("gen_c", "image-gen_c", 3, 1));
      lane.leave("gen_b");
      env.sleep(Duration.ofMinutes(11)); // idle: the lane ends
      client.newUntypedWorkflowStub(laneId).getResult(Void.class);
      write(client, laneId, "lane-queued-granted-idle.json");
    }
  }

  @Test
  void recordWebhooks() throws Exception {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker(QUEUE);
      worker.registerWorkflowImplementationTypes(WebhookDeliveryWorkflowImpl.class);
      WebhookActivities webhooks =
          mock(WebhookActivities.class, withSettings().withoutAnnotations());
      AtomicInteger calls = new AtomicInteger();
      doAnswer(inv -> {
            if (calls.incrementAndGet() <= 2) {
              throw ApplicationFailure.newFailure("answered 500", "WebhookRejected");
            }
            return null;
          })
          .when(webhooks)
          .post("msg_ok");
      doThrow(ApplicationFailure.newNonRetryableFailure("private", WebhookActivities.REFUSED))
          .when(webhooks)
          .post("msg_refused");
      doNothing().when(webhooks).giveUp(anyString(), anyString());
      QueueWorkers.register(env, worker, webhooks);
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      for (String id : new String[] {"msg_ok", "msg_refused"}) {
        client
            .newWorkflowStub(
                WebhookDeliveryWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(WebhookDeliveryWorkflow.idOf(id))
                    .setTaskQueue(QUEUE)
                    .build())
            .deliver(id);
      }
      write(client, WebhookDeliveryWorkflow.idOf("msg_ok"), "webhook-delivered-third-attempt.json");
      write(client, WebhookDeliveryWorkflow.idOf("msg_refused"), "webhook-refused-given-up.json");
    }
  }

  private static WorkflowStub generation(WorkflowClient client, String id) {
    WorkflowStub stub = client.newUntypedWorkflowStub(
        "GrantedGeneration",
        WorkflowOptions.newBuilder()
            .setWorkflowId("image-" + id)
            .setTaskQueue(QUEUE)
            .build());
    stub.start();
    return stub;
  }

  private static void write(WorkflowClient client, String workflowId, String file)
      throws Exception {
    Files.createDirectories(MediaHistoryRecorder.DIR);
    Files.writeString(
        MediaHistoryRecorder.DIR.resolve(file), client.fetchHistory(workflowId).toJson(true));
  }
}
