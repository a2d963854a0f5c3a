package dev.cadenza.fleet;

import com.google.protobuf.ByteString;
import dev.cadenza.proto.gpu.v1.CancelJobRequest;
import dev.cadenza.proto.gpu.v1.Completed;
import dev.cadenza.proto.gpu.v1.GpuWorkerGrpc;
import dev.cadenza.proto.gpu.v1.InputFile;
import dev.cadenza.proto.gpu.v1.JobEvent;
import dev.cadenza.proto.gpu.v1.JobRequest;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client of the GPU worker fleet: runs a job on a worker that serves its model, follows it to the
 * end and hands over its outputs; cancels jobs. Thread-safe; one instance per process.
 *
 * <p><b>Choosing a worker.</b> Workers listing the model in {@code GetCapabilities} (cached for a
 * second), least loaded (busy slots + queue) first; a worker that already had the job goes first,
 * so a retry re-attaches. This process remembers where it sent recent jobs; a caller that may
 * retry in another process passes the placements it learnt through {@link JobListener#placed}
 * (activities keep them in their heartbeat details, see {@link GpuJobHeartbeat}). A worker that
 * cannot be reached is skipped for the next one.
 *
 * <p><b>Idempotency.</b> The job id is the anchor: running the same id again attaches to the job
 * (the worker replays its events, outputs included) instead of running the model again. One
 * exception: when the job being attached to had already <em>failed retryably or been canceled</em>
 * before this call, replaying that old ending would make every retry fail the same way until the
 * worker forgets it, so the fleet runs the work again under the next id of a fixed chain ({@code
 * <id>~rerun-1}, {@code ~rerun-2}, ...). Later calls walk the same chain and so still re-attach to
 * whatever ran last.
 *
 * <p>Every call has a deadline; unary calls 5 s by default, a job stream its own (long) one.
 */
public final class GpuFleet implements AutoCloseable {

  static final String RERUN_SEPARATOR = "~rerun-";

  private static final Logger log = LoggerFactory.getLogger(GpuFleet.class);
  private static final int MAX_RERUNS = 3;
  private static final Duration CAPABILITIES_TTL = Duration.ofSeconds(1);
  // Workers send an event at least every second; 30 s of silence is a hung worker.
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

  private final WorkerChannels channels;
  private final FleetCapacity capacity;
  private final JobFollower follower = new JobFollower(IDLE_TIMEOUT);
  private final Placements placements = new Placements(10_000);
  private final Duration callDeadline;
  private final Duration unaryDeadline;

  /**
   * @param addresses {@code host:port} of each worker, asked again whenever the fleet looks for a
   *     worker (so an embedded worker's address may be filled in after construction)
   * @param callDeadline deadline of one job stream
   * @param unaryDeadline deadline of {@code GetCapabilities} and {@code CancelJob}
   */
  public GpuFleet(Supplier<List<String>> addresses, Duration callDeadline, Duration unaryDeadline) {
    this(addresses, callDeadline, unaryDeadline, OpenTelemetry.noop());
  }

  /**
   * As above, recording a client span per call with {@code openTelemetry}; every call carries the
   * current trace context and baggage as W3C headers (see {@link TraceContextClientInterceptor}).
   */
  public GpuFleet(
      Supplier<List<String>> addresses,
      Duration callDeadline,
      Duration unaryDeadline,
      OpenTelemetry openTelemetry) {
    this.channels = new WorkerChannels(addresses, openTelemetry);
    this.capacity = new FleetCapacity(channels, CAPABILITIES_TTL, unaryDeadline);
    this.callDeadline = callDeadline;
    this.unaryDeadline = unaryDeadline;
  }

  /** A fleet with the default deadlines of {@link FleetProperties}. */
  public GpuFleet(Supplier<List<String>> addresses) {
    this(addresses, FleetProperties.DEFAULT_CALL_DEADLINE, FleetProperties.DEFAULT_UNARY_DEADLINE);
  }

  /**
   * Runs the job (or attaches to it) and blocks until it ends. The caller closes the outcome once
   * it has stored the files.
   *
   * @param listener told about every event, on this thread; what it throws is rethrown here
   * @throws GpuJobFailedException the worker reported a failure
   * @throws GpuJobCanceledException the job was canceled on the worker while followed
   * @throws GpuUnavailableException no worker could take it, or the stream broke (retryable)
   */
  public JobOutcome run(JobSpec spec, JobListener listener) {
    return run(spec, Map.of(), listener);
  }

  /**
   * Like {@link #run(JobSpec, JobListener)}, with where the job and its re-runs were sent before,
   * possibly by another process: a job id found in {@code knownAddresses} goes to that worker first
   * (when it is up and serves the model), ahead of what this process remembers.
   *
   * @param knownAddresses worker address by job id, as told to {@link JobListener#placed}
   */
  public JobOutcome run(JobSpec spec, Map<String, String> knownAddresses, JobListener listener) {
    for (int rerun = 0; ; rerun++) {
      String jobId = rerunId(spec.jobId(), rerun);
      JobFollower.Ending ending = runSomewhere(spec, jobId, knownAddresses.get(jobId), listener);
      JobEvent end = ending.terminal();
      if (end.hasCompleted()) {
        Completed done = end.getCompleted();
        return new JobOutcome(
            jobId,
            done.getText(),
            done.getMetadataMap(),
            ending.files(),
            done.getGpuSeconds(),
            ending.address(),
            ending.reattached());
      }
      if (end.getReplayed() && endedRetryably(end) && rerun < MAX_RERUNS) {
        log.info(
            "GPU job {} had already ended ({}) before this call; running it again as {}",
            jobId,
            end.getKindCase(),
            rerunId(spec.jobId(), rerun + 1));
        continue;
      }
      if (end.hasFailed() && "WORKER_SHUTDOWN".equals(end.getFailed().getCode())) {
        capacity.markDown(ending.address());
      }
      throw failure(jobId, end);
    }
  }

  /**
   * Cancels the job requested as {@code jobId} (whichever re-run of it is current) on the worker
   * running it, or on every worker when this process does not know where it runs. Never throws for
   * unreachable workers: it is best effort, the job dies with its worker anyway.
   *
   * @return true when a queued or running job was canceled
   */
  public boolean cancel(String jobId) {
    return cancel(jobId, Map.of());
  }

  /**
   * Like {@link #cancel(String)}; when this process does not know where the job runs, the latest
   * re-run found in {@code knownAddresses} is canceled on its worker instead of broadcasting.
   *
   * @param knownAddresses worker address by job id, as told to {@link JobListener#placed}
   */
  public boolean cancel(String jobId, Map<String, String> knownAddresses) {
    Placements.Placement current = placements.current(jobId);
    if (current == null) {
      current = latestKnown(jobId, knownAddresses);
    }
    List<Placements.Placement> targets = current != null
        ? List.of(current)
        : channels.addresses().stream()
            .map(a -> new Placements.Placement(jobId, a))
            .toList();
    boolean canceled = false;
    for (Placements.Placement target : targets) {
      try {
        canceled |= GpuWorkerGrpc.newBlockingStub(channels.channel(target.address()))
            .withDeadlineAfter(unaryDeadline.toMillis(), TimeUnit.MILLISECONDS)
            .cancelJob(CancelJobRequest.newBuilder()
                .setJobId(target.jobId())
                .setReason("canceled by caller")
                .build())
            .getCanceled();
      } catch (StatusRuntimeException e) {
        log.warn(
            "CancelJob {} on GPU worker {} failed: {}",
            target.jobId(),
            target.address(),
            e.getStatus());
      }
    }
    log.info("GPU job {} cancel requested: {}", jobId, canceled ? "canceled" : "nothing to cancel");
    return canceled;
  }

  /**
   * Every configured worker as it answers now (probed at once, within the unary deadline): what
   * it serves, its slots, busy slots and queue depth; unreachable ones with no models.
   */
  public List<WorkerStatus> status() {
    return capacity.status();
  }

  /** Shuts the channels down; streams still open fail. */
  @Override
  public void close() {
    channels.close();
  }

  private static String rerunId(String jobId, int rerun) {
    return rerun == 0 ? jobId : jobId + RERUN_SEPARATOR + rerun;
  }

  /** The last re-run of {@code jobId} that {@code knownAddresses} places, or null. */
  private static Placements.Placement latestKnown(
      String jobId, Map<String, String> knownAddresses) {
    for (int rerun = MAX_RERUNS; rerun >= 0; rerun--) {
      String address = knownAddresses.get(rerunId(jobId, rerun));
      if (address != null) {
        return new Placements.Placement(rerunId(jobId, rerun), address);
      }
    }
    return null;
  }

  /**
   * Submits to the best worker, falling back to the next while workers are unreachable.
   *
   * @param knownAddress where a caller (maybe in another process) last sent {@code jobId}, or null
   */
  private JobFollower.Ending runSomewhere(
      JobSpec spec, String jobId, String knownAddress, JobListener listener) {
    String preferred = knownAddress != null ? knownAddress : placements.addressOf(jobId);
    List<String> candidates = capacity.candidates(jobId, spec.model(), preferred);
    GpuUnavailableException unreachable = null;
    for (String address : candidates) {
      JobCall call = JobCall.submit(channels.channel(address), request(spec, jobId), callDeadline);
      placements.record(spec.jobId(), jobId, address);
      capacity.assigned(address, spec.model());
      try {
        return follower.follow(call, jobId, address, listener);
      } catch (JobFollower.UnreachableException e) {
        log.warn("GPU worker {} is unreachable for job {}: {}", address, jobId, e.getMessage());
        capacity.markDown(address);
        unreachable = new GpuUnavailableException(
            jobId, "GPU worker " + address + " is unreachable: " + e.getMessage(), e.getCause());
      } catch (GpuUnavailableException e) {
        // The worker died or hung mid-job; until the next probe, new jobs go elsewhere.
        capacity.markDown(address);
        throw e;
      }
    }
    throw unreachable;
  }

  private static JobRequest request(JobSpec spec, String jobId) {
    JobRequest.Builder request = JobRequest.newBuilder()
        .setJobId(jobId)
        .setModel(spec.model())
        .setInput(spec.inputStruct())
        .setUserId(spec.userId())
        .setPriority(spec.priority());
    for (JobFile file : spec.files()) {
      request.addFiles(InputFile.newBuilder()
          .setName(file.name())
          .setContentType(file.contentType())
          .setData(ByteString.copyFrom(file.bytes())));
    }
    return request.build();
  }

  private static boolean endedRetryably(JobEvent end) {
    return end.hasCanceled() || (end.hasFailed() && end.getFailed().getRetryable());
  }

  private static GpuFleetException failure(String jobId, JobEvent end) {
    if (end.hasCanceled()) {
      return new GpuJobCanceledException(jobId, end.getCanceled().getReason());
    }
    return new GpuJobFailedException(
        jobId,
        end.getFailed().getCode(),
        end.getFailed().getMessage(),
        end.getFailed().getRetryable());
  }
}
