package dev.cadenza.generation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadenza.generation.events.GenerationEvents;
import dev.cadenza.testsupport.TestDatabase;
import dev.cadenza.testsupport.TestGenerations;
import dev.cadenza.testsupport.TestUsers;
import dev.cadenza.workflows.generation.GenerationFailure;
import dev.cadenza.workflows.generation.GenerationResult;
import dev.cadenza.workflows.generation.StepState;
import dev.cadenza.workflows.generation.StepStatus;
import dev.cadenza.workflows.song.SongOutput;
import dev.cadenza.workflows.storage.StoredAsset;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

/** Endings are counted once, by type and status, with their end-to-end and per-step times. */
class GenerationMetricsTest {
  private static final DataSource DB = TestDatabase.fresh();
  private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private GenerationStore store;
  private GenerationActivitiesImpl activities;
  private String user;

  @BeforeEach
  void setUp() {
    ObjectMapper json = new ObjectMapper();
    JdbcTransactionManager transactions = new JdbcTransactionManager(DB);
    store = new GenerationStore(JdbcClient.create(DB), json);
    activities = new GenerationActivitiesImpl(
        store,
        new OutputDocument(json),
        new GenerationEvents(JdbcClient.create(DB), json, transactions),
        transactions,
        new GenerationMetrics(meters));
    user = TestUsers.insert(DB);
  }

  @Test
  void aSucceededSongIsCountedOnceWithItsDurationAndStepTimes() {
    String id = TestGenerations.insert(store, user);
    activities.markRunning(id);
    GenerationResult result = new GenerationResult(
        id,
        song(),
        List.of(
            new StepState("generateAudio", StepStatus.SUCCEEDED, T0, T0.plusSeconds(3)),
            new StepState("writeLyrics", StepStatus.SKIPPED, null, T0)));

    activities.publishResult(result);
    activities.publishResult(result); // a retry of the activity

    assertThat(meters
            .get("cadenza.generations")
            .tags("type", "song", "status", "succeeded")
            .counter()
            .count())
        .isEqualTo(1);
    assertThat(meters
            .get("cadenza.generation.duration")
            .tags("type", "song", "status", "succeeded")
            .timer()
            .count())
        .isEqualTo(1);
    assertThat(meters
            .get("cadenza.generation.step.duration")
            .tags("type", "song", "step", "generateAudio", "status", "succeeded")
            .timer()
            .totalTime(TimeUnit.SECONDS))
        .isEqualTo(3.0);
    assertThat(meters
            .find("cadenza.generation.step.duration")
            .tag("step", "writeLyrics")
            .timer())
        .as("skipped steps have no time")
        .isNull();
  }

  @Test
  void failedAndCanceledEndingsAreCountedByStatus() {
    String failed = TestGenerations.insert(store, user);
    String canceled = TestGenerations.insert(store, user);

    activities.recordFailure(
        new GenerationFailure(failed, false, "CONTENT_REFUSED", "refused", List.of()));
    activities.recordFailure(
        new GenerationFailure(failed, false, "CONTENT_REFUSED", "refused", List.of()));
    activities.recordFailure(
        new GenerationFailure(canceled, true, "CANCELED", "canceled", List.of()));

    assertThat(
            meters.get("cadenza.generations").tag("status", "failed").counter().count())
        .isEqualTo(1);
    assertThat(meters
            .get("cadenza.generations")
            .tag("status", "canceled")
            .counter()
            .count())
        .isEqualTo(1);
  }

  private static SongOutput song() {
    StoredAsset audio = new StoredAsset("audio.wav", "k/audio.wav", "audio/wav", 1, "ab", Map.of());
    StoredAsset cover = new StoredAsset("cover.png", "k/cover.png", "image/png", 1, "cd", Map.of());
    return new SongOutput("Rain", "lo-fi", "[Verse]", List.of("lo-fi"), audio, cover, 7.5, 1);
  }
}
