package dev.cadenza.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cadenza.api.reconcile.WorkflowStatuses;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** Statuses in bulk: by visibility query on the real server, by describe on the test server. */
class WorkflowStatusesTest extends EmbeddedStackTest {
  @Autowired
  WorkflowStatuses statuses;

  @Autowired
  WorkflowClient temporal;

  @Value("${app.embedded.temporal-durable:false}")
  boolean realServer;

  @Test
  void findsRunningClosedAndMissingWorkflowsAcrossQueryChunks() {
    ApiClient api = new ApiClient(port);
    String key = api.signUp(100);
    String running = "song-" + create(api, key, "a long ambient piece");
    String terminated = "song-" + create(api, key, "a short piece to stop");
    temporal.newUntypedWorkflowStub(terminated).terminate("stopped by an operator");
    List<String> ids = new ArrayList<>();
    // More ids than one query takes, so the chunking is exercised too.
    for (int i = 0; i < WorkflowStatuses.IDS_PER_QUERY + 5; i++) {
      ids.add("song-gen_missing" + i);
    }
    ids.add(running);
    ids.add(terminated);

    Map<String, WorkflowExecutionStatus> found = await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> statuses.of(ids),
            map ->
                map.get(terminated) == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED
                    && map.containsKey(running));

    assertThat(found).containsOnlyKeys(running, terminated);
    assertThat(found.get(running))
        .isIn(
            WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
            WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    assertThat(statuses.usesVisibility())
        .as("visibility queries on the real server")
        .isEqualTo(realServer);
  }

  private static String create(ApiClient api, String key, String description) {
    return api.post(
            "/v1/generations",
            key,
            "{\"type\":\"song\",\"input\":{\"description\":\"" + description + "\"}}")
        .body()
        .path("id")
        .asText();
  }
}
