package dev.cadenza.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.cadenza.gpuworker.GpuWorkerConfig;
import dev.cadenza.gpuworker.GpuWorkerConfigBuilder;
import dev.cadenza.gpuworker.GpuWorkerServer;
import dev.cadenza.workflows.FailureTypes;
import dev.cadenza.workflows.media.AudioRequest;
import dev.cadenza.workflows.media.ImageRequest;
import dev.cadenza.workflows.media.MediaActivities;
import dev.cadenza.workflows.media.StagedFile;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GPU media steps against a real worker, inside Temporal's activity test environment. */
class MediaActivitiesImplTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir
  Path storageRoot;

  private GpuWorkerServer worker;
  private ActivityHarness harness;
  private MediaActivities media;

  private void startWorker(GpuWorkerConfigBuilder config) {
    worker = Workers.start("media-worker", config);
    harness = new ActivityHarness(storageRoot, List.of(Workers.address(worker)));
    media = harness.stub(MediaActivities.class);
  }

  @AfterEach
  void stop() {
    harness.close();
    worker.stop();
  }

  @Test
  void generateAudioStagesARealWavAndReportsProgress() throws Exception {
    startWorker(GpuWorkerConfig.builder());

    StagedFile audio = media.generateAudio(audio(2));

    assertThat(audio.key()).isEqualTo("staging/gen_1/audio.wav");
    assertThat(audio.name()).isEqualTo("audio.wav");
    assertThat(audio.contentType()).isEqualTo("audio/wav");
    assertThat(audio.metadata()).containsEntry("durationSeconds", "2").containsKey("bpm");
    byte[] stored = read(audio.key());
    assertThat(stored).hasSize((int) audio.sizeBytes());
    assertThat(Workers.sha256(stored)).isEqualTo(audio.sha256());
    assertThat(new String(stored, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
    assertThat(new String(stored, 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WAVE");
    // 16-bit mono at 22050 Hz: two bytes per sample after the 44-byte header.
    assertThat(ByteBuffer.wrap(stored, 40, 4).order(ByteOrder.LITTLE_ENDIAN).getInt())
        .isEqualTo(2 * 22050 * 2);
    assertThat(harness.reports)
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.generationId()).isEqualTo("gen_1"))
        .allSatisfy(r -> assertThat(r.step()).isEqualTo("generateAudio"));
  }

  @Test
  void generateCoverStagesAPng() throws Exception {
    startWorker(GpuWorkerConfig.builder());

    StagedFile cover =
        media.generateCover(new ImageRequest("gen_1", "user-1", "lo-fi rain", 256, 320, 7));

    assertThat(cover.key()).isEqualTo("staging/gen_1/cover.png");
    assertThat(cover.contentType()).isEqualTo("image/png");
    assertThat(cover.metadata()).containsEntry("width", "256").containsEntry("height", "320");
    byte[] stored = read(cover.key());
    assertThat(Workers.sha256(stored)).isEqualTo(cover.sha256());
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(stored));
    assertThat(image.getWidth()).isEqualTo(256);
    assertThat(image.getHeight()).isEqualTo(320);
  }

  @Test
  void theSameActivityRunAgainReattachesInsteadOfRunningTheModelTwice() {
    startWorker(GpuWorkerConfig.builder());

    StagedFile first = media.generateAudio(audio(2));
    harness.storage.delete(first.key()); // as if staging had failed after the model ran
    StagedFile second = media.generateAudio(audio(2));

    assertThat(second).isEqualTo(first);
    assertThat(harness.storage.stat(second.key())).isPresent();
    assertThat(Workers.metrics(worker, "audio").jobsExecuted()).isEqualTo(1);
    assertThat(Workers.metrics(worker, "audio").jobsReattached()).isEqualTo(1);
  }

  @Test
  void aRetryWhosePreviousAttemptHeartbeatedSomethingElseRunsTheJobAnyway() {
    startWorker(GpuWorkerConfig.builder());
    // An attempt started before heartbeats carried placements heartbeated a bare percent.
    harness.env.setHeartbeatDetails(40);

    StagedFile audio = media.generateAudio(audio(2));

    assertThat(harness.storage.stat(audio.key())).isPresent();
    assertThat(Workers.metrics(worker, "audio").jobsExecuted()).isEqualTo(1);
  }

  @Test
  void everyHeartbeatSentTellsWhereTheJobRuns() {
    startWorker(GpuWorkerConfig.builder());
    // What reaches the server: the first heartbeat of the attempt, then throttled ones.
    List<GpuJobHeartbeat> heartbeats = new CopyOnWriteArrayList<>();
    harness.env.setActivityHeartbeatListener(GpuJobHeartbeat.class, heartbeats::add);

    media.generateAudio(audio(2));

    assertThat(heartbeats)
        .isNotEmpty()
        .allSatisfy(heartbeat -> assertThat(heartbeat.addressByJobId())
            .containsExactly(entry("test-workflow-id:GenerateAudio", Workers.address(worker))));
  }

  @Test
  void aQueuedJobHeartbeatsEveryFewSecondsNotOnEveryRepeatAndStillLearnsOfACancel()
      throws Exception {
    startWorker(
        GpuWorkerConfig.builder().slot("audio", 1).simulatedModelTime(Duration.ofSeconds(30)));
    // Another job holds the only audio slot, so the activity's job waits in the queue, where the
    // worker repeats its "queued" event every second.
    GpuFleet other = new GpuFleet(() -> List.of(Workers.address(worker)));
    // Own threads: the common pool may have a single thread on a small machine.
    ExecutorService threads = Executors.newCachedThreadPool();
    CompletableFuture.runAsync(
        () -> other.run(
            JobSpec.of(
                "blocker",
                "audio",
                Map.of("prompt", "drone", "lyrics", "[instrumental]", "durationSeconds", 2),
                "user-2"),
            (stage, percent) -> {}),
        threads);
    Workers.await(
        "the slot is taken", WAIT, () -> Workers.metrics(worker, "audio").busySlots() == 1);
    List<GpuJobHeartbeat> heartbeats = new CopyOnWriteArrayList<>();
    harness.env.setActivityHeartbeatListener(GpuJobHeartbeat.class, heartbeats::add);
    CompletableFuture<StagedFile> queued =
        CompletableFuture.supplyAsync(() -> media.generateAudio(audio(2)), threads);
    Workers.await("the job waits", WAIT, () -> Workers.metrics(worker, "audio").queueDepth() == 1);

    Thread.sleep(6_500);
    // The placement, then at most one repeat per 3 s (a repeat per second before).
    assertThat(heartbeats).hasSizeBetween(1, 4);

    long cancelledAt = System.nanoTime();
    harness.env.requestCancelActivity();
    assertThatThrownBy(() -> queued.get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
    assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(5));
    Workers.await(
        "the queue is empty", WAIT, () -> Workers.metrics(worker, "audio").queueDepth() == 0);
    other.cancel("blocker");
    other.close();
    threads.shutdownNow();
  }

  @Test
  void cancellingTheActivityCancelsTheGpuJobAndFreesItsSlot() throws Exception {
    startWorker(GpuWorkerConfig.builder().simulatedModelTime(Duration.ofSeconds(8)));
    CompletableFuture<StagedFile> running =
        CompletableFuture.supplyAsync(() -> media.generateAudio(audio(2)));
    Workers.await("the job runs", WAIT, () -> Workers.metrics(worker, "audio").busySlots() == 1);

    harness.env.requestCancelActivity();

    assertThatThrownBy(() -> running.get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
    Workers.await(
        "the slot is free",
        Duration.ofSeconds(1),
        () -> Workers.metrics(worker, "audio").busySlots() == 0);
    assertThat(Workers.metrics(worker, "audio").jobsCanceled()).isEqualTo(1);
    assertThat(harness.storage.list("staging/")).isEmpty();
  }

  @Test
  void invalidInputFailsWithoutRetry() {
    startWorker(GpuWorkerConfig.builder());

    assertThatThrownBy(() -> media.generateAudio(audio(0)))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo(FailureTypes.INVALID_INPUT);
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getOriginalMessage()).contains("durationSeconds");
        });
  }

  @Test
  void aWorkerThatDiesMidJobGivesARetryableFailure() throws Exception {
    startWorker(GpuWorkerConfig.builder().simulatedModelTime(Duration.ofSeconds(8)));
    CompletableFuture<StagedFile> running =
        CompletableFuture.supplyAsync(() -> media.generateAudio(audio(2)));
    Workers.await("the job runs", WAIT, () -> Workers.metrics(worker, "audio").busySlots() == 1);

    worker.stop();

    assertThatThrownBy(() -> running.get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.isNonRetryable()).isFalse();
          assertThat(failure.getType())
              .isIn(FleetFailures.MODEL_ERROR, FleetFailures.GPU_UNAVAILABLE);
        });
  }

  private static AudioRequest audio(int seconds) {
    return new AudioRequest(
        "gen_1",
        "user-1",
        "lo-fi, melancholic, piano, 76 bpm, A minor",
        "[instrumental]",
        seconds,
        7.0,
        42);
  }

  private byte[] read(String key) throws Exception {
    try (InputStream in = harness.storage.open(key)) {
      return in.readAllBytes();
    }
  }
}
