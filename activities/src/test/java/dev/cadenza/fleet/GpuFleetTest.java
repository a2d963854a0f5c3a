package dev.cadenza.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cadenza.gpuworker.GpuWorkerConfig;
import dev.cadenza.gpuworker.GpuWorkerConfigBuilder;
import dev.cadenza.gpuworker.GpuWorkerServer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fleet client against real workers: choosing workers, outputs, re-runs, cancel. */
class GpuFleetTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable resource : closing.reversed()) {
      resource.close();
    }
  }

  @Test
  void aDeadWorkerIsSkippedForALiveOne() {
    GpuWorkerServer live = worker("live", GpuWorkerConfig.builder());
    GpuFleet fleet = fleet(Workers.deadAddress(), Workers.address(live));

    try (JobOutcome outcome = fleet.run(title("dead-first"), JobListener.NONE)) {
      assertThat(outcome.text()).isNotBlank();
      assertThat(outcome.worker()).isEqualTo(Workers.address(live));
    }
    assertThat(Workers.metrics(live, "text").jobsExecuted()).isEqualTo(1);
  }

  @Test
  void noReachableWorkerOrNoWorkerForTheModelIsRetryablyUnavailable() {
    GpuWorkerServer textOnly =
        worker("text-only", GpuWorkerConfig.builder().slot("audio", 0).slot("image", 0));

    assertThatThrownBy(() -> fleet(Workers.deadAddress()).run(title("nobody"), JobListener.NONE))
        .isInstanceOfSatisfying(
            GpuUnavailableException.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessageContaining("reachable");
    assertThatThrownBy(() -> fleet(Workers.address(textOnly))
            .run(JobSpec.of("no-image", "image", Map.of(), "u"), JobListener.NONE))
        .isInstanceOf(GpuUnavailableException.class)
        .hasMessageContaining("serves model \"image\"");
  }

  @Test
  void outputsLargerThanOneChunkAreReassembledWithTheirChecksum() throws Exception {
    GpuFleet fleet = fleet(Workers.address(worker("w", GpuWorkerConfig.builder())));
    // 30 s of 16-bit mono at 22050 Hz is 1.3 MB: two chunks of at most 1 MiB.
    JobSpec spec = JobSpec.of(
        "long-audio",
        "audio",
        Map.of("prompt", "ambient, 70 bpm", "durationSeconds", 30, "seed", "1"),
        "u");

    JobOutcome outcome = fleet.run(spec, JobListener.NONE);
    OutputFile wav = outcome.file("audio.wav").orElseThrow();
    byte[] bytes = Files.readAllBytes(wav.path());
    outcome.close();

    assertThat(bytes).hasSize(44 + 30 * 22050 * 2);
    assertThat(wav.sizeBytes()).isEqualTo(bytes.length);
    assertThat(Workers.sha256(bytes)).isEqualTo(wav.sha256());
    assertThat(ByteBuffer.wrap(bytes, 40, 4).order(ByteOrder.LITTLE_ENDIAN).getInt())
        .isEqualTo(30 * 22050 * 2);
    assertThat(outcome.metadata()).containsEntry("durationSeconds", "30");
    assertThat(wav.path()).doesNotExist();
  }

  @Test
  void aRetryableFailureFromAnEarlierCallIsRunAgainUnderTheNextIdOfTheChain() {
    FlakyRunner flaky = new FlakyRunner();
    GpuWorkerServer worker = track(Workers.start("w", GpuWorkerConfig.builder(), List.of(flaky)));
    GpuFleet fleet = fleet(Workers.address(worker));
    JobSpec spec = JobSpec.of("job-1", "flaky", Map.of(), "u");

    assertThatThrownBy(() -> fleet.run(spec, JobListener.NONE))
        .isInstanceOfSatisfying(GpuJobFailedException.class, e -> {
          assertThat(e.code()).isEqualTo("MODEL_ERROR");
          assertThat(e.retryable()).isTrue();
        });
    JobOutcome retried = fleet.run(spec, JobListener.NONE);
    JobOutcome retriedAgain = fleet.run(spec, JobListener.NONE);

    assertThat(retried.jobId()).isEqualTo("job-1" + GpuFleet.RERUN_SEPARATOR + "1");
    assertThat(retried.reattached()).isFalse();
    assertThat(retriedAgain.jobId()).isEqualTo(retried.jobId());
    assertThat(retriedAgain.reattached()).isTrue();
    assertThat(flaky.runs).hasValue(2);
  }

  @Test
  void jobsGoToTheLeastLoadedWorkerAndCancelReachesTheWorkerRunningThem() throws Exception {
    GpuWorkerServer slow =
        worker("slow", GpuWorkerConfig.builder().simulatedModelTime(Duration.ofSeconds(20)));
    GpuWorkerServer fast = worker("fast", GpuWorkerConfig.builder());
    GpuFleet fleet = fleet(Workers.address(slow), Workers.address(fast));
    CompletableFuture<JobOutcome> first =
        CompletableFuture.supplyAsync(() -> fleet.run(title("first"), JobListener.NONE));
    Workers.await(
        "the first job runs", WAIT, () -> Workers.metrics(slow, "text").busySlots() == 1);

    try (JobOutcome second = fleet.run(title("second"), JobListener.NONE)) {
      assertThat(second.worker()).isEqualTo(Workers.address(fast));
    }
    assertThat(fleet.cancel("first")).isTrue();

    assertThatThrownBy(() -> first.get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(GpuJobCanceledException.class);
    assertThat(Workers.metrics(slow, "text").busySlots()).isZero();
    assertThat(fleet.cancel("first")).as("a finished job").isFalse();
  }

  @Test
  void aProcessThatNeverRanTheJobCancelsTheLatestReRunItIsToldOf() throws Exception {
    GpuWorkerServer first =
        worker("first", GpuWorkerConfig.builder().simulatedModelTime(Duration.ofSeconds(20)));
    GpuWorkerServer second =
        worker("second", GpuWorkerConfig.builder().simulatedModelTime(Duration.ofSeconds(20)));
    String rerun = "elsewhere" + GpuFleet.RERUN_SEPARATOR + "1";
    GpuFleet running = fleet(Workers.address(second));
    CompletableFuture<JobOutcome> job =
        CompletableFuture.supplyAsync(() -> running.run(title(rerun), JobListener.NONE));
    Workers.await("the re-run runs", WAIT, () -> Workers.metrics(second, "text").busySlots() == 1);
    GpuFleet other = fleet(Workers.address(first), Workers.address(second));

    boolean canceled = other.cancel(
        "elsewhere", Map.of("elsewhere", Workers.address(first), rerun, Workers.address(second)));

    assertThat(canceled).isTrue();
    assertThatThrownBy(() -> job.get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(GpuJobCanceledException.class);
  }

  @Test
  void aStreamBrokenMidJobIsRetryableAndTheRetryReattachesToTheJob() throws Exception {
    GpuWorkerServer worker =
        worker("w", GpuWorkerConfig.builder().simulatedModelTime(Duration.ofSeconds(2)));
    TcpRelay relay = new TcpRelay(worker.getPort());
    closing.add(relay);
    GpuFleet fleet = fleet(relay.address());
    CompletableFuture<JobOutcome> cut =
        CompletableFuture.supplyAsync(() -> fleet.run(title("cut"), JobListener.NONE));
    Workers.await("the job runs", WAIT, () -> Workers.metrics(worker, "text").busySlots() == 1);

    relay.cut();

    assertThatThrownBy(() -> cut.get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            GpuUnavailableException.class, e -> assertThat(e.retryable()).isTrue());
    JobOutcome retried = retryUntilReachable(fleet, title("cut"));
    assertThat(retried.reattached()).isTrue();
    assertThat(Workers.metrics(worker, "text").jobsExecuted()).isEqualTo(1);
  }

  @Test
  void whatTheListenerThrowsStopsFollowingButNotTheJob() throws Exception {
    GpuWorkerServer worker =
        worker("w", GpuWorkerConfig.builder().simulatedModelTime(Duration.ofSeconds(1)));
    GpuFleet fleet = fleet(Workers.address(worker));
    IllegalStateException stop = new IllegalStateException("stop");

    assertThatThrownBy(() -> fleet.run(title("listened"), (stage, percent) -> {
          throw stop;
        }))
        .isSameAs(stop);
    try (JobOutcome outcome = fleet.run(title("listened"), JobListener.NONE)) {
      assertThat(outcome.reattached()).isTrue();
    }
    assertThat(Workers.metrics(worker, "text").jobsExecuted()).isEqualTo(1);
  }

  @Test
  void statusShowsEachWorkersModelsBusySlotsAndQueueAsTheyAreNow() throws Exception {
    GpuWorkerServer busy = worker(
        "busy",
        GpuWorkerConfig.builder().slot("text", 1).simulatedModelTime(Duration.ofSeconds(20)));
    String dead = Workers.deadAddress();
    GpuFleet fleet = fleet(Workers.address(busy), dead);
    List<CompletableFuture<JobOutcome>> jobs = new ArrayList<>();
    for (String id : List.of("running", "waiting-1", "waiting-2")) {
      // Through another client: the status must come from the worker, not from this client's
      // own bookkeeping of what it sent.
      GpuFleet submitter = fleet(Workers.address(busy));
      jobs.add(CompletableFuture.supplyAsync(
          () -> submitter.run(title(id), JobListener.NONE), Thread::startVirtualThread));
    }
    Workers.await(
        "one job runs, two wait", WAIT, () -> Workers.metrics(busy, "text").queueDepth() == 2);

    List<WorkerStatus> status = fleet.status();

    assertThat(status)
        .extracting(WorkerStatus::address)
        .containsExactly(Workers.address(busy), dead);
    WorkerStatus live = status.get(0);
    assertThat(live.reachable()).isTrue();
    assertThat(live.workerId()).isEqualTo("busy");
    assertThat(live.models())
        .extracting(WorkerStatus.ModelStatus::model)
        .containsExactly("audio", "image", "mesh", "text", "video");
    assertThat(live.models())
        .filteredOn(m -> m.model().equals("text"))
        .singleElement()
        .isEqualTo(new WorkerStatus.ModelStatus("text", 1, 1, 2));
    assertThat(live.slots())
        .isEqualTo(1 + 2 + 2 + 1 + 1); // text 1, audio 2, image 2, mesh 1, video 1
    assertThat(live.busySlots()).isEqualTo(1);
    assertThat(live.queueDepth()).isEqualTo(2);
    WorkerStatus unreachable = status.get(1);
    assertThat(unreachable.reachable()).isFalse();
    assertThat(unreachable.workerId()).isNull();
    assertThat(unreachable.models()).isEmpty();

    for (String id : List.of("running", "waiting-1", "waiting-2")) {
      fleet.cancel(id);
    }
    Workers.await(
        "the jobs are gone",
        WAIT,
        () -> Workers.metrics(busy, "text").busySlots() == 0
            && Workers.metrics(busy, "text").queueDepth() == 0);
    assertThat(fleet.status().get(0).busySlots()).as("asked again, not cached").isZero();
    jobs.forEach(job -> job.exceptionally(e -> null).join());
  }

  /** As an activity retry would: a worker that just broke is left out for about a second. */
  private static JobOutcome retryUntilReachable(GpuFleet fleet, JobSpec spec)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      try {
        return fleet.run(spec, JobListener.NONE);
      } catch (GpuUnavailableException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  @Test
  void aStreamPastItsDeadlineFailsRetryablyAndTheRetryReattaches() {
    GpuWorkerServer slow =
        worker("slow", GpuWorkerConfig.builder().simulatedModelTime(Duration.ofMillis(1500)));
    GpuFleet impatient = new GpuFleet(
        () -> List.of(Workers.address(slow)), Duration.ofMillis(300), Duration.ofSeconds(5));
    closing.add(impatient);

    assertThatThrownBy(() -> impatient.run(title("deadline"), JobListener.NONE))
        .isInstanceOfSatisfying(
            GpuUnavailableException.class, e -> assertThat(e.retryable()).isTrue())
        .hasMessageContaining("DEADLINE_EXCEEDED");

    try (JobOutcome outcome =
        fleet(Workers.address(slow)).run(title("deadline"), JobListener.NONE)) {
      assertThat(outcome.text()).isNotBlank();
      assertThat(outcome.reattached()).isTrue();
    }
    assertThat(Workers.metrics(slow, "text").jobsExecuted()).isEqualTo(1);
  }

  private static JobSpec title(String jobId) {
    return JobSpec.of(jobId, "text", Map.of("task", "title", "description", "rain at night"), "u");
  }

  private GpuWorkerServer worker(String id, GpuWorkerConfigBuilder config) {
    return track(Workers.start(id, config));
  }

  private GpuWorkerServer track(GpuWorkerServer worker) {
    closing.add(worker::stop);
    return worker;
  }

  private GpuFleet fleet(String... addresses) {
    GpuFleet fleet =
        new GpuFleet(() -> List.of(addresses), Duration.ofSeconds(30), Duration.ofSeconds(5));
    closing.add(fleet);
    return fleet;
  }
}
