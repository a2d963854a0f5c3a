package dev.cadenza.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cadenza.bench.CadenzaClient;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A crash between a submission's start and its {@code reserve} update, with real processes: the
 * all-in-one process polls no task queue, so its request waits for the update with the workflow
 * started; its JVM is killed with SIGKILL, and it comes back with workers on a restarted Temporal
 * dev server (same SQLite file). The workflow survived, its update (held only in the server's
 * memory until a worker accepts it) did not: the workflow waits for it holding nothing, and no
 * credits are held anywhere.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ReserveCrashIT {
  private CrashRun run;
  private WorkflowServiceStubs service;

  @AfterEach
  void stop() {
    if (service != null) {
      service.shutdownNow();
    }
    if (run != null) {
      run.close();
    }
  }

  @Test
  void aCrashBetweenStartAndReserveLeavesNoHold() {
    int temporalPort = CrashRun.freePort();
    run = CrashRun.start(
        "reserve-crash",
        Map.of("mode", "embedded", "slots", CrashRun.SLOTS),
        Map.of(
            "APP_EMBEDDED_TEMPORAL_PORT",
            Integer.toString(temporalPort),
            // No worker: the reserve update cannot be answered while the request waits for it.
            "APP_WORKER_QUEUES",
            "none"));
    CadenzaClient.User user =
        run.client.createUser(run.stack.adminKey(), "crash@example.com", 100, null);
    service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
        .setTarget("127.0.0.1:" + temporalPort)
        .build());
    WorkflowClient temporal = WorkflowClient.newInstance(service);

    CompletableFuture<CadenzaClient.Submitted> submit = CompletableFuture.supplyAsync(
        () -> run.client.submit(user.apiKey(), "song", CrashRun.song(1)));
    String workflowId = await("the song's workflow started by the request")
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> songWorkflows(temporal), found -> found.size() == 1)
        .getFirst()
        .getExecution()
        .getWorkflowId();
    assertThat(submit).as("the request still waits for its reserve update").isNotDone();

    run.killApi();
    assertThat(submit.join().status()).as("the killed request never answered").isZero();
    run.restartApi(Map.of("APP_WORKER_QUEUES", "workflows,gpu,llm,io"));

    // A worker has run the workflow's first task: it started waiting for its update, which the
    // restarted server no longer has, and wrote nothing.
    List<HistoryEvent> history = await("the workflow's first task, on the restarted server")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> temporal.fetchHistory(workflowId).getEvents(),
            events -> events.stream()
                .anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED));
    assertThat(history)
        .extracting(HistoryEvent::getEventType)
        .doesNotContain(
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
            EventType.EVENT_TYPE_MARKER_RECORDED,
            EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);
    assertThat(songWorkflows(temporal))
        .extracting(WorkflowExecutionMetadata::getStatus)
        .containsExactly(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);

    assertThat(run.query(
            "select count(*) from credit_reservations where user_id = ?", Long.class, user.id()))
        .contains(0L);
    assertThat(
            run.query("select count(*) from generations where user_id = ?", Long.class, user.id()))
        .contains(0L);
    var credits = run.client.getJson("v1/me", user.apiKey()).path("credits");
    assertThat(credits.path("balance").asLong()).isEqualTo(100);
    assertThat(credits.path("reserved").asLong()).isZero();
  }

  private static List<WorkflowExecutionMetadata> songWorkflows(WorkflowClient temporal) {
    return temporal.listExecutions("WorkflowType = 'SongGenerationWorkflow'").toList();
  }
}
