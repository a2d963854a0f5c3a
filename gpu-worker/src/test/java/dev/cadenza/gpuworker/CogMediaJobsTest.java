package dev.cadenza.gpuworker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadenza.proto.gpu.v1.Completed;
import dev.cadenza.proto.gpu.v1.JobEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A real worker whose {@code audio} model is a local Cog server; jobs go in over gRPC. */
class CogMediaJobsTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final FakeModelServer cog = new FakeModelServer();
  private final TestWorker worker =
      TestWorker.fromEnvironment(Map.of("GPU_WORKER_COG_AUDIO_URL", cog.url("").toString()));

  @AfterEach
  void stop() throws InterruptedException {
    worker.close();
    cog.close();
  }

  @Test
  void anAudioJobGetsTheCogServersWav() {
    byte[] wav = CogPredictionRunnerTest.wav();
    cog.route(
        CogPredictionRunnerTest.PREDICT,
        r -> CogPredictionRunnerTest.prediction(
            "succeeded", CogPredictionRunnerTest.dataUri("audio/wav", wav), null));

    List<JobEvent> events = worker.run(Jobs.request(
        "cog-audio",
        "audio",
        "prompt",
        "lo-fi, 76 bpm, A minor",
        "lyrics",
        "[instrumental]",
        "durationSeconds",
        30,
        "seed",
        "1"));

    JobEvent last = Jobs.last(events);
    assertThat(last.hasCompleted()).as("completed: %s", last).isTrue();
    Completed completed = last.getCompleted();
    assertThat(Jobs.outputs(events)).containsOnlyKeys("audio.wav");
    assertThat(Jobs.outputs(events).get("audio.wav")).isEqualTo(wav);
    assertThat(completed.getMetadataMap())
        .containsEntry("durationSeconds", "0.500")
        .containsEntry("sampleRate", "8000");
    assertThat(cog.requests(CogPredictionRunnerTest.PREDICT)
            .get(0)
            .json()
            .path("id")
            .asText())
        .isEqualTo("cog-audio");
  }

  @Test
  void inputsAreCheckedAsForTheBuiltInModelBeforeQueueing() {
    JobEvent last =
        Jobs.last(worker.run(Jobs.request("cog-invalid", "audio", "prompt", "no duration")));

    assertThat(last.getFailed().getCode()).isEqualTo("INVALID_INPUT");
    assertThat(last.getFailed().getMessage()).contains("durationSeconds");
    assertThat(cog.requests).isEmpty();
  }

  @Test
  void cancelingTheJobCancelsThePrediction() throws Exception {
    CountDownLatch canceled = new CountDownLatch(1);
    cog.route("POST /predictions/cog-cancel/cancel", r -> {
      canceled.countDown();
      return FakeModelServer.json(200, "{}");
    });
    cog.route(CogPredictionRunnerTest.PREDICT, r -> {
      canceled.await(10, TimeUnit.SECONDS);
      return CogPredictionRunnerTest.prediction("canceled", null, null);
    });
    EventRecorder job =
        worker.submit(Jobs.request("cog-cancel", "audio", "prompt", "x", "durationSeconds", 10));
    job.await(JobEvent::hasProgress, WAIT);
    while (cog.requests(CogPredictionRunnerTest.PREDICT).isEmpty()) {
      Thread.sleep(5);
    }

    long canceledAt = System.nanoTime();
    assertThat(worker.cancel("cog-cancel")).isTrue();
    List<JobEvent> events = job.awaitEnd(WAIT);

    assertThat(Jobs.last(events).hasCanceled()).isTrue();
    assertThat((System.nanoTime() - canceledAt) / 1_000_000).isLessThan(1000);
    assertThat(canceled.await(10, TimeUnit.SECONDS))
        .as("cancel endpoint called")
        .isTrue();
    assertThat(Jobs.outputs(events)).isEmpty();
  }
}
