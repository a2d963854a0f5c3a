package dev.cadenza.fleet;

import dev.cadenza.proto.gpu.v1.JobEvent;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Reads one job's stream to its terminal event: tells the listener about every event and
 * reassembles the output files.
 */
final class JobFollower {

  /**
   * How a stream ended.
   *
   * @param files the complete output files when the job completed (the caller now owns them), else
   *     empty
   */
  record Ending(String address, JobEvent terminal, List<OutputFile> files, boolean reattached) {}

  /** The worker could not be reached at all: nothing was submitted, another worker may be. */
  static final class UnreachableException extends RuntimeException {
    UnreachableException(StatusRuntimeException cause) {
      super(cause.getStatus().toString(), cause);
    }
  }

  private final Duration idleTimeout;

  JobFollower(Duration idleTimeout) {
    this.idleTimeout = idleTimeout;
  }

  Ending follow(JobCall call, String jobId, String address, JobListener listener) {
    OutputAssembler outputs = new OutputAssembler(jobId);
    boolean completed = false;
    int received = 0;
    String stage = "queued";
    int percent = 0;
    boolean reattached = false;
    try {
      while (true) {
        JobEvent event = call.next(idleTimeout);
        if (event == null) {
          throw new GpuUnavailableException(
              jobId,
              "GPU worker " + address + " ended the stream of job " + jobId + " without an outcome",
              null);
        }
        if (received++ == 0) {
          listener.placed(jobId, address);
        }
        switch (event.getKindCase()) {
          case QUEUED -> stage = "queued";
          case STARTED -> {
            stage = "started";
            reattached = event.getStarted().getReattached();
          }
          case PROGRESS -> {
            stage = event.getProgress().getStage();
            percent = Math.clamp(event.getProgress().getPercent(), 0, 100);
          }
          case OUTPUT -> outputs.accept(event.getOutput());
          case COMPLETED, FAILED, CANCELED -> {
            completed = event.hasCompleted();
            return new Ending(address, event, completed ? outputs.finish() : List.of(), reattached);
          }
          default -> {
            // A kind newer than this client: it still proves the job is alive.
          }
        }
        listener.progress(stage, percent);
      }
    } catch (StatusRuntimeException e) {
      if (received == 0 && e.getStatus().getCode() == Status.Code.UNAVAILABLE) {
        throw new UnreachableException(e);
      }
      throw new GpuUnavailableException(
          jobId,
          "stream of job " + jobId + " from GPU worker " + address + " broke: " + e.getStatus(),
          e);
    } catch (TimeoutException e) {
      throw new GpuUnavailableException(
          jobId,
          "GPU worker "
              + address
              + " sent nothing about job "
              + jobId
              + " for "
              + idleTimeout.toSeconds()
              + " s",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GpuUnavailableException(jobId, "interrupted while following job " + jobId, e);
    } finally {
      if (!completed) {
        // Failed, canceled, broken, or the listener threw: stop the stream, drop partial files.
        call.cancel("caller stopped following the job");
        outputs.close();
      }
    }
  }
}
