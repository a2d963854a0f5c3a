package dev.cadenza.fleet;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which worker each recent job was sent to, so that a retry goes back to the worker that has the
 * job (and re-attaches there instead of running it elsewhere) and a cancel reaches the right
 * worker. In memory and bounded, so it serves retries in this process; a retry in another process
 * relies on the placements its caller passes in (activities keep them in their heartbeat details,
 * {@link GpuJobHeartbeat}). Without either, a retry goes to the least loaded worker, which runs the
 * model again unless it happens to be the one with the job, and a cancel is broadcast.
 */
final class Placements {

  /** The job id a requested id currently runs under, and where. */
  record Placement(String jobId, String address) {}

  private final Map<String, String> addressByJob;
  private final Map<String, Placement> currentByRequested;

  Placements(int capacity) {
    this.addressByJob = lru(capacity);
    this.currentByRequested = lru(capacity);
  }

  synchronized void record(String requestedId, String jobId, String address) {
    addressByJob.put(jobId, address);
    currentByRequested.put(requestedId, new Placement(jobId, address));
  }

  /** The worker {@code jobId} was last sent to, or null. */
  synchronized String addressOf(String jobId) {
    return addressByJob.get(jobId);
  }

  /** Where the job requested as {@code requestedId} runs now, or null when unknown. */
  synchronized Placement current(String requestedId) {
    return currentByRequested.get(requestedId);
  }

  private static <V> Map<String, V> lru(int capacity) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > capacity;
      }
    };
  }
}
