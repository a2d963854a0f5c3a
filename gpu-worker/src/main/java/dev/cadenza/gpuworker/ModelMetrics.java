package dev.cadenza.gpuworker;

/**
 * Counters of one model on this worker, since start.
 *
 * @param jobsExecuted jobs whose runner was started (a re-attach does not count)
 * @param jobsReattached submissions that attached to an existing job instead of running it
 * @param gpuSeconds slot time used by finished jobs
 */
public record ModelMetrics(
    String model,
    int slots,
    int busySlots,
    int queueDepth,
    long jobsExecuted,
    long jobsReattached,
    long jobsCompleted,
    long jobsFailed,
    long jobsCanceled,
    double gpuSeconds) {}
