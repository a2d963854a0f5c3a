package dev.cadenza.gpuworker;

import com.google.protobuf.ByteString;
import dev.cadenza.gpuworker.runner.JobCanceledException;
import dev.cadenza.gpuworker.runner.ModelFile;
import dev.cadenza.gpuworker.runner.RunContext;
import dev.cadenza.proto.gpu.v1.OutputChunk;
import dev.cadenza.proto.gpu.v1.Progress;
import java.time.Duration;
import java.util.Optional;

/** The {@link RunContext} of one job on one slot: turns runner calls into job events. */
final class JobRunContext implements RunContext {

  /** Output files are cut to this size, well below gRPC's 4 MiB default message limit. */
  static final int MAX_CHUNK_BYTES = 1 << 20;

  private static final long SIMULATION_STEP_MILLIS = 50;
  private static final long SIMULATION_PROGRESS_MILLIS = 500;

  /** Share of a job's progress bar the simulated model time takes, when configured. */
  static final int SIMULATION_SHARE = 90;

  private final Job job;
  // The runner's 0-100 is mapped onto [floor, 100] of the job's bar, which never goes back.
  private int floor;
  private int reported;

  JobRunContext(Job job) {
    this.job = job;
  }

  @Override
  public String jobId() {
    return job.id();
  }

  @Override
  public void progress(String stage, int percent) {
    report(stage, floor + Math.clamp(percent, 0, 100) * (100 - floor) / 100);
  }

  /**
   * One bar per job: the percentages of successive stages (simulated inference, then the
   * runner's own stages) add up instead of starting again at 0, and it never goes back.
   */
  private void report(String stage, int overall) {
    checkCanceled();
    reported = Math.max(reported, overall);
    job.progress(Progress.newBuilder().setStage(stage).setPercent(reported).build());
  }

  @Override
  public void emitOutput(String name, String contentType, byte[] bytes) {
    checkCanceled();
    int offset = 0;
    // An empty file is still announced, as one empty last chunk.
    do {
      int length = Math.min(MAX_CHUNK_BYTES, bytes.length - offset);
      job.output(OutputChunk.newBuilder()
          .setName(name)
          .setContentType(contentType)
          .setData(ByteString.copyFrom(bytes, offset, length))
          .setLast(offset + length == bytes.length)
          .build());
      offset += length;
    } while (offset < bytes.length);
  }

  @Override
  public Optional<ModelFile> inputFile(String name) {
    return job.files().stream()
        .filter(f -> f.getName().equals(name))
        .findFirst()
        .map(f -> new ModelFile(f.getName(), f.getContentType(), f.getData().toByteArray()));
  }

  @Override
  public void checkCanceled() {
    if (job.isCancelRequested()) {
      throw new JobCanceledException(job.id());
    }
  }

  @Override
  public boolean isCanceled() {
    return job.isCancelRequested();
  }

  /**
   * Spends {@code time} as if a real model were busy on the GPU (for benchmarks of the
   * surrounding system), in short cancellable steps with progress.
   */
  void simulateModelTime(Duration time) {
    long totalMillis = time.toMillis();
    // Elapsed time, not summed sleeps: oversleeping would bill more GPU time than configured.
    long start = System.nanoTime();
    long spent = 0;
    long lastReport = -SIMULATION_PROGRESS_MILLIS;
    while (spent < totalMillis) {
      if (spent - lastReport >= SIMULATION_PROGRESS_MILLIS) {
        report("inference", (int) (spent * SIMULATION_SHARE / totalMillis));
        lastReport = spent;
      }
      long step = Math.min(SIMULATION_STEP_MILLIS, totalMillis - spent);
      try {
        Thread.sleep(step);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new JobCanceledException(job.id());
      }
      spent = (System.nanoTime() - start) / 1_000_000;
      checkCanceled();
    }
    report("inference", SIMULATION_SHARE);
    floor = SIMULATION_SHARE; // the runner's own work fills the rest of the bar
  }
}
