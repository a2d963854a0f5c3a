package dev.cadenza.lane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cadenza.workflows.lane.LaneActivities;
import dev.cadenza.workflows.lane.LaneState;
import dev.cadenza.workflows.lane.LaneTicket;
import dev.cadenza.workflows.lane.UserLaneWorkflow;
import dev.cadenza.workflows.lane.UserLaneWorkflowImpl;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service's lane join, as generation workflows call it (a local activity on the workflow
 * worker): the first join starts the user's lane, later ones join the running lane, at once.
 */
class LaneActivitiesImplTest {
  private static final String QUEUE = "lanes";

  /** Stands for a generation workflow: joins its lane, then waits as if running. */
  @WorkflowInterface
  public interface Joiner {
    @WorkflowMethod
    void join(String userId, LaneTicket ticket);
  }

  public static class JoinerImpl implements Joiner {
    private final LaneActivities lanes = Workflow.newLocalActivityStub(
        LaneActivities.class,
        LocalActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(10))
            .build());

    @Override
    public void join(String userId, LaneTicket ticket) {
      lanes.joinLane(userId, ticket);
      Workflow.sleep(Duration.ofHours(1));
    }
  }

  private TestWorkflowEnvironment env;
  private WorkflowClient client;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    client = env.getWorkflowClient();
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(JoinerImpl.class, UserLaneWorkflowImpl.class);
    worker.registerActivitiesImplementations(new LaneActivitiesImpl(client));
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void joinsStartTheLaneOnceAndQueueBehindItsLimit() {
    long now = System.currentTimeMillis();
    for (int i = 1; i <= 3; i++) {
      String workflowId = "song-gen_" + i;
      Joiner joiner = client.newWorkflowStub(
          Joiner.class,
          WorkflowOptions.newBuilder()
              .setWorkflowId(workflowId)
              .setTaskQueue(QUEUE)
              .build());
      WorkflowClient.start(
          joiner::join, "usr_1", new LaneTicket("gen_" + i, workflowId, now + i, 1));
    }

    UserLaneWorkflow lane = client.newWorkflowStub(UserLaneWorkflow.class, "lane-usr_1");
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
      LaneState state = lane.state();
      assertThat(state.running()).extracting(LaneTicket::generationId).containsExactly("gen_1");
      assertThat(state.waiting())
          .extracting(LaneTicket::generationId)
          .containsExactly("gen_2", "gen_3");
    });
    assertThat(List.of(lane.state().userId(), lane.state().limit())).containsExactly("usr_1", 1);
  }
}
