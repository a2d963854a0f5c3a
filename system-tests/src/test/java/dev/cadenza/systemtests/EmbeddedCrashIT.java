package dev.cadenza.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cadenza.bench.CadenzaClient;
import dev.cadenza.bench.GpuJobLog;
import dev.cadenza.bench.LedgerCheck;
import dev.cadenza.bench.stack.ManagedProcess;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The one-command service ({@code java -jar cadenza.jar}, everything embedded) killed with SIGKILL
 * while songs are in their audio step and a create under an {@code Idempotency-Key} is in
 * flight, then started again on the same data directory. The crash and restart happen once;
 * each test checks one promise about what came after.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 6, unit = java.util.concurrent.TimeUnit.MINUTES)
class EmbeddedCrashIT {
  private static final int SONGS = 3;
  private static final String KEY = "crash-test-key-1";
  // Keyed creates pause after their claim long enough to be killed mid-request; the restarted
  // process runs without the pause (issue 13, defect 10).
  private static final String CREATE_DELAY = "APP_FAULTS_IDEMPOTENT_CREATE_DELAY";

  private CrashRun run;
  private CadenzaClient.User user;
  private final List<String> songs = new ArrayList<>();
  private final Map<String, Map<String, String>> stepsAtKill = new LinkedHashMap<>();
  private HttpResponse<String> keyedRetry;
  private List<JsonNode> ended;

  @BeforeAll
  void crashAndRestart() {
    run = CrashRun.start(
        "embedded",
        Map.of("mode", "embedded", "simulated", "audio=20", "slots", CrashRun.SLOTS),
        Map.of(CREATE_DELAY, "120s"));
    user = run.client.createUser(run.stack.adminKey(), "crash@example.com", 100_000, null);
    songs.addAll(run.submitSongs(user, SONGS));
    // Every song with its cover done and its audio on the GPU: the kill hits the audio step.
    await("songs in their audio step")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(300))
        .until(() -> {
          stepsAtKill.clear();
          for (String id : songs) {
            stepsAtKill.put(id, CrashRun.steps(run.client.generation(user.apiKey(), id)));
          }
          return stepsAtKill.values().stream()
              .allMatch(s -> "running".equals(s.get("generateAudio"))
                  && "succeeded".equals(s.get("generateCover")));
        });
    CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(
        () -> run.client.submitIdempotently(user.apiKey(), KEY, "song", CrashRun.song(99)));
    await("the keyed create's claim is written")
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> run.query("select status from idempotency_keys where key = ?", String.class, KEY)
                .isPresent());

    run.killApi();

    assertThat(inFlight).failsWithin(Duration.ofSeconds(30));
    run.restartApi(Map.of(CREATE_DELAY, "0s"));
    keyedRetry = run.client.submitIdempotently(user.apiKey(), KEY, "song", CrashRun.song(99));
    List<String> all = new ArrayList<>(songs);
    if (keyedRetry.statusCode() == 201 || keyedRetry.statusCode() == 200) {
      all.add(run.client.parse(keyedRetry).path("id").asText());
    }
    ended = run.awaitEnded(user.apiKey(), all, Duration.ofMinutes(2));
  }

  @AfterAll
  void stop() {
    if (run != null) {
      run.close();
    }
  }

  @Test
  void everySongKilledInItsAudioStepSucceedsAfterTheRestart() {
    assertThat(ended).hasSizeGreaterThanOrEqualTo(SONGS);
    ended.forEach(generation -> {
      CrashRun.assertSucceeded(generation);
      assertThat(generation.path("error").isNull() || generation.path("error").isMissingNode())
          .as("no error (INTERRUPTED) on %s", generation.path("id"))
          .isTrue();
    });
  }

  @Test
  void eachSongIsChargedOnceAndNothingStaysReserved() {
    Map<String, Integer> spends = run.spends(user.apiKey());
    for (JsonNode generation : ended) {
      assertThat(spends.getOrDefault(generation.path("id").asText(), 0))
          .as("spends of %s", generation.path("id").asText())
          .isEqualTo(1);
    }
    JsonNode credits = run.client.getJson("v1/me", user.apiKey()).path("credits");
    assertThat(credits.path("reserved").asLong()).isZero();
    LedgerCheck.Result audit = new LedgerCheck(run.stack.database())
        .audit(ended.stream().map(g -> g.path("id").asText()).toList());
    assertThat(audit.violations()).isEmpty();
    assertThat(audit.clean()).isTrue();
  }

  @Test
  void gpuJobsOfStepsDoneBeforeTheKillDoNotRunAgain() {
    List<ManagedProcess.Lifetime> lifetimes = run.stack.gpuLogs();
    assertThat(lifetimes).hasSize(2);
    // GPU job ids are <workflowId>:<ActivityType>[:suffix]; the step generateCover runs the
    // activity GenerateCover.
    Set<String> doneBeforeKill = new java.util.TreeSet<>();
    stepsAtKill.forEach((id, steps) -> steps.forEach((step, status) -> {
      if (status.equals("succeeded")) {
        doneBeforeKill.add(
            "song-" + id + ":" + Character.toUpperCase(step.charAt(0)) + step.substring(1));
      }
    }));
    Set<String> completedBefore = GpuJobLog.read(lifetimes.get(0)).stream()
        .filter(GpuJobLog.Execution::completed)
        .map(GpuJobLog.Execution::jobId)
        .collect(Collectors.toSet());
    assertThat(completedBefore)
        .as("the GPU jobs of the steps done before the kill ran in the first lifetime")
        .containsAll(
            doneBeforeKill.stream().filter(j -> j.endsWith(":GenerateCover")).toList());
    List<String> runAfter = GpuJobLog.read(lifetimes.get(1)).stream()
        .map(GpuJobLog.Execution::jobId)
        .filter(job -> doneBeforeKill.stream().anyMatch(job::startsWith))
        .toList();
    assertThat(runAfter).as("GPU jobs run again after the restart").isEmpty();
    List<String> audioAfter = GpuJobLog.read(lifetimes.get(1)).stream()
        .map(GpuJobLog.Execution::jobId)
        .filter(job -> job.contains(":GenerateAudio"))
        .toList();
    assertThat(audioAfter).as("the killed audio jobs ran again").hasSizeGreaterThanOrEqualTo(SONGS);
  }

  @Test
  void aKeyWhoseRequestDiedWithTheProcessIsUsableAgain() {
    assertThat(keyedRetry.statusCode())
        .as("retry of the killed keyed create: %s", keyedRetry.body())
        .isIn(200, 201);
    String id = run.client.parse(keyedRetry).path("id").asText();
    assertThat(ended.stream().map(g -> g.path("id").asText())).contains(id);
    HttpResponse<String> replay =
        run.client.submitIdempotently(user.apiKey(), KEY, "song", CrashRun.song(99));
    assertThat(replay.statusCode()).isEqualTo(keyedRetry.statusCode());
    assertThat(run.client.parse(replay).path("id").asText()).isEqualTo(id);
    assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
  }
}
