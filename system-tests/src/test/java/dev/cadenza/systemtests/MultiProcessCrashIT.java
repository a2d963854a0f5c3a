package dev.cadenza.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadenza.bench.CadenzaClient;
import dev.cadenza.bench.LedgerCheck;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The three-process topology (as {@code scripts/fault-drills.sh} and the bench's {@code
 * mode=multi} run it): the API with the workflow worker hosting the embedded Temporal server and
 * PostgreSQL on fixed ports, an activity worker and a GPU worker. The host is killed with SIGKILL
 * while songs are in their audio step, with the activity worker still connected to its
 * PostgreSQL (issue 13, defect 11), and started again.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class MultiProcessCrashIT {
  private static final int SONGS = 3;

  private CrashRun run;

  @AfterEach
  void stop() {
    if (run != null) {
      run.close();
    }
  }

  @Test
  void killingTheWorkflowWorkerHostLosesNothing() {
    run = CrashRun.start(
        "multi",
        Map.of(
            "mode", "multi",
            "gpuWorkers", "1",
            "activityWorkers", "1",
            "simulated", "audio=20",
            "slots", CrashRun.SLOTS),
        Map.of());
    CadenzaClient.User user =
        run.client.createUser(run.stack.adminKey(), "multi@example.com", 100_000, null);
    List<String> songs = run.submitSongs(user, SONGS);
    await("songs in their audio step")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(300))
        .until(() -> songs.stream()
            .map(id -> CrashRun.steps(run.client.generation(user.apiKey(), id)))
            .allMatch(s -> "running".equals(s.get("generateAudio"))));
    assertThat(run.stack.processes("activity-worker").getFirst().alive()).isTrue();

    run.killApi();
    // The restart must stop the PostgreSQL the killed host left, although the activity worker
    // is still connected to it, and start its own on the same data and port.
    run.restartApi(Map.of());

    List<JsonNode> ended = run.awaitEnded(user.apiKey(), songs, Duration.ofMinutes(2));
    ended.forEach(CrashRun::assertSucceeded);
    Map<String, Integer> spends = run.spends(user.apiKey());
    songs.forEach(
        id -> assertThat(spends.getOrDefault(id, 0)).as("spends of %s", id).isEqualTo(1));
    assertThat(run.client
            .getJson("v1/me", user.apiKey())
            .path("credits")
            .path("reserved")
            .asLong())
        .isZero();
    LedgerCheck.Result audit = new LedgerCheck(run.stack.database()).audit(songs);
    assertThat(audit.violations()).isEmpty();
  }
}
