package dev.cadenza.api.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The embedded Temporal server must not accumulate lock events as it runs workflows (they made
 * it slower with every song), and must still run workflows with timers and activities normally.
 */
class TestServerLockEventLogTest {

  @WorkflowInterface
  public interface Steps {
    @WorkflowMethod
    String run(String input);
  }

  @ActivityInterface
  public interface Echo {
    String echo(String input);
  }

  public static class StepsImpl implements Steps {
    private final Echo echo = Workflow.newActivityStub(
        Echo.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(10))
            .build());

    @Override
    public String run(String input) {
      String first = echo.echo(input);
      Workflow.sleep(Duration.ofMillis(5));
      return echo.echo(first);
    }
  }

  @Test
  void theEmbeddedServerRecordsNoLockEventsAndStillRunsWorkflows() throws IOException {
    int port = freePort();
    try (TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port)) {
      assertThat(TestServerLockEventLog.disable(server)).isTrue();

      assertThat(runWorkflows(port, 20)).isEqualTo(20);

      assertThat(TestServerLockEventLog.recordedEvents(server)).isZero();
    }
  }

  @Test
  void withoutTheFixTheServerKeepsEventsForEveryWorkflowTask() throws IOException {
    int port = freePort();
    try (TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port)) {
      assertThat(runWorkflows(port, 20)).isEqualTo(20);

      // What the fix is for: dozens of events per workflow, never released.
      assertThat(TestServerLockEventLog.recordedEvents(server)).isGreaterThan(100);
    }
  }

  private static int runWorkflows(int port, int count) {
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
    try {
      WorkflowClient client = WorkflowClient.newInstance(stubs);
      WorkerFactory factory = WorkerFactory.newInstance(client);
      Worker worker = factory.newWorker("lock-events");
      worker.registerWorkflowImplementationTypes(StepsImpl.class);
      worker.registerActivitiesImplementations((Echo) input -> input + "!");
      factory.start();
      int done = 0;
      for (int i = 0; i < count; i++) {
        Steps steps = client.newWorkflowStub(
            Steps.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue("lock-events")
                .setWorkflowId("steps-" + i)
                .build());
        if (steps.run("x" + i).equals("x" + i + "!!")) {
          done++;
        }
      }
      factory.shutdownNow();
      return done;
    } finally {
      stubs.shutdownNow();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
