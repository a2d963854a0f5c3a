package dev.cadenza.api.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.cadenza.credits.CreditLedger;
import dev.cadenza.credits.ReservationStatus;
import dev.cadenza.credits.TransactionType;
import dev.cadenza.generation.Generation;
import dev.cadenza.generation.GenerationMetrics;
import dev.cadenza.generation.GenerationStatus;
import dev.cadenza.generation.GenerationStore;
import dev.cadenza.generation.OutputDocument;
import dev.cadenza.generation.StepHistory;
import dev.cadenza.generation.events.GenerationEventType;
import dev.cadenza.generation.events.GenerationEvents;
import dev.cadenza.testsupport.TestDatabase;
import dev.cadenza.testsupport.TestGenerations;
import dev.cadenza.testsupport.TestUsers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * A generation whose workflow an operator terminated keeps the steps its user saw, on a real
 * PostgreSQL and the SDK's test server: a step the workflow had scheduled, whose activity no worker
 * had started yet (so the event log never heard of it), is read from the workflow's history and
 * ends {@code failed} instead of vanishing.
 */
class GenerationEndingsTest {
  private static final String QUEUE = "endings-test";

  private static TestWorkflowEnvironment env;
  private static GenerationStore store;
  private static CreditLedger ledger;
  private static GenerationEvents events;
  private static GenerationEndings endings;
  private static String user;

  /**
   * Stands in for a generation workflow stopped while its second step waits for a worker: it
   * schedules {@code WritePrompt} on a queue nobody polls.
   */
  @WorkflowInterface
  public interface StalledGeneration {
    @WorkflowMethod
    void run();
  }

  public static class StalledGenerationImpl implements StalledGeneration {
    @Override
    public void run() {
      Workflow.newUntypedActivityStub(ActivityOptions.newBuilder()
              .setTaskQueue("nobody-polls")
              .setStartToCloseTimeout(Duration.ofMinutes(5))
              .build())
          .execute("WritePrompt", String.class, "a long ambient piece");
    }
  }

  @BeforeAll
  static void setUp() {
    DataSource dataSource = TestDatabase.fresh();
    JdbcClient jdbc = JdbcClient.create(dataSource);
    DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
    ObjectMapper json = JsonMapper.builder().findAndAddModules().build();
    store = new GenerationStore(jdbc, json);
    ledger = new CreditLedger(jdbc, transactions);
    events = new GenerationEvents(jdbc, json, transactions);
    user = TestUsers.insert(jdbc);
    ledger.openAccount(user);
    ledger.credit(user, TransactionType.BONUS, 100, null, "test credits");

    env = TestWorkflowEnvironment.newInstance();
    env.newWorker(QUEUE).registerWorkflowImplementationTypes(StalledGenerationImpl.class);
    env.start();
    endings = new GenerationEndings(
        store,
        ledger,
        env.getWorkflowClient(),
        transactions,
        events,
        new GenerationMetrics(new SimpleMeterRegistry()),
        new StepHistory(events),
        new OutputDocument(json));
  }

  @AfterAll
  static void tearDown() {
    env.close();
  }

  /** A running song that held 10 credits; its log has only the first step, as the worker wrote. */
  private static Generation runningSong() {
    String id = TestGenerations.insert(store, user);
    store.markRunning(id);
    ledger.reserve(id, user, 10, "song " + id);
    events.append(id, GenerationEventType.STEP_STARTED, GenerationEvents.step("reserveCredits"));
    events.append(id, GenerationEventType.STEP_COMPLETED, GenerationEvents.step("reserveCredits"));
    return store.find(id).orElseThrow();
  }

  private static List<String> statuses(Generation generation) {
    List<String> steps = new ArrayList<>();
    generation
        .steps()
        .forEach(s -> steps.add(s.path("name").asText() + " " + s.path("status").asText()));
    return steps;
  }

  @Test
  void aTerminatedWorkflowsScheduledStepEndsFailedAndItsHoldIsReleased() {
    Generation generation = runningSong();
    WorkflowClient client = env.getWorkflowClient();
    StalledGeneration workflow = client.newWorkflowStub(
        StalledGeneration.class,
        WorkflowOptions.newBuilder()
            .setTaskQueue(QUEUE)
            .setWorkflowId(generation.workflowId())
            .build());
    WorkflowClient.start(workflow::run);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> client.fetchHistory(generation.workflowId()).getEvents().stream()
            .anyMatch(HistoryEvent::hasActivityTaskScheduledEventAttributes));
    client.newUntypedWorkflowStub(generation.workflowId()).terminate("stopped from the UI");

    assertThat(endings.closeStopped(generation, GenerationStatus.FAILED, "TERMINATED", "stopped"))
        .isTrue();

    Generation ended = store.find(generation.id()).orElseThrow();
    assertThat(ended.status()).isEqualTo(GenerationStatus.FAILED);
    assertThat(statuses(ended))
        .as("the scheduled step stays, failed; the ones that never started are left out")
        .containsExactly("reserveCredits succeeded", "writePrompt failed");
    assertThat(ledger.reservation(generation.id()).orElseThrow().status())
        .isEqualTo(ReservationStatus.RELEASED);
    assertThat(ledger.account(user).reserved()).isZero();

    assertThat(endings.closeStopped(generation, GenerationStatus.FAILED, "TERMINATED", "again"))
        .as("a second reconciler finds it ended")
        .isFalse();
  }

  @Test
  void whenTheWorkflowCannotAnswerTheEventLogTells() {
    // No workflow with this id exists: the query fails at once and the log is all there is.
    Generation generation = runningSong();

    assertThat(endings.closeStopped(generation, GenerationStatus.FAILED, "TERMINATED", "stopped"))
        .isTrue();

    assertThat(statuses(store.find(generation.id()).orElseThrow()))
        .containsExactly("reserveCredits succeeded");
    assertThat(ledger.reservation(generation.id()).orElseThrow().status())
        .isEqualTo(ReservationStatus.RELEASED);
  }
}
