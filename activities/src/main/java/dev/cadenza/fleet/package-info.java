/**
 * The GPU fleet client and the activities that run on it.
 *
 * <p>{@link dev.cadenza.fleet.GpuFleet} talks gRPC ({@code cadenza.gpu.v1.GpuWorker}) to the
 * workers listed in {@code app.gpu.addresses} ({@link dev.cadenza.fleet.FleetProperties}): it picks
 * a worker that serves the model and is least busy, submits a job under a caller-chosen id, follows
 * its event stream (progress, output chunks reassembled into temporary files with their SHA-256,
 * the outcome) and cancels jobs. A job id is the idempotency anchor: running the same id again
 * attaches to the job instead of running the model twice.
 *
 * <p>{@link dev.cadenza.fleet.MediaActivitiesImpl} and {@link dev.cadenza.fleet.TextActivitiesImpl}
 * run the song steps as fleet jobs with the id {@code <workflowId>:<ActivityType>}, so a retried
 * activity picks up the same GPU work. They heartbeat on every job event, with the worker each job
 * was placed on ({@link dev.cadenza.fleet.GpuJobHeartbeat}) so that a retry picked up by another
 * worker process re-attaches there too, cancel the GPU job when the activity is cancelled, stage media outputs under {@code staging/<generationId>/} (claim
 * check) and report progress through a {@link dev.cadenza.fleet.JobProgressListener}.
 */
package dev.cadenza.fleet;
