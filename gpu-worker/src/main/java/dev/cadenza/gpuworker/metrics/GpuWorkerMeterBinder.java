package dev.cadenza.gpuworker.metrics;

import dev.cadenza.gpuworker.ModelMetrics;
import dev.cadenza.gpuworker.WorkerMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Publishes a GPU worker's per-model counters to Micrometer. Every value is read when the registry
 * asks for it (a scrape), from {@link dev.cadenza.gpuworker.GpuWorkerServer#metrics()}; nothing is
 * copied or kept in between.
 *
 * <p>Per model served (tags {@code worker} and {@code model}):
 *
 * <ul>
 *   <li>gauges {@code cadenza.gpu.queue.depth}, {@code cadenza.gpu.slots.busy}, {@code
 *       cadenza.gpu.slots} (Prometheus: {@code cadenza_gpu_queue_depth}, ...);
 *   <li>function counters {@code cadenza.gpu.jobs.executed}, {@code .reattached}, {@code
 *       .completed}, {@code .failed}, {@code .canceled} and {@code cadenza.gpu.seconds}, slot time
 *       of finished jobs (Prometheus: {@code cadenza_gpu_jobs_executed_total}, ..., {@code
 *       cadenza_gpu_seconds_total}).
 * </ul>
 *
 * <p>The models (and the worker id) are those of the first snapshot, taken in {@link #bindTo};
 * a worker's models are fixed when it is constructed. Embedded use (Spring):
 *
 * <pre>{@code
 * @Bean MeterBinder gpuWorkerMeters(EmbeddedGpuWorker embedded) {
 *   GpuWorkerServer server = embedded.server();   // null when the workers are external
 *   return server == null ? registry -> {} : new GpuWorkerMeterBinder(server::metrics);
 * }
 * }</pre>
 */
public final class GpuWorkerMeterBinder implements MeterBinder {

  public static final String QUEUE_DEPTH = "cadenza.gpu.queue.depth";
  public static final String SLOTS_BUSY = "cadenza.gpu.slots.busy";
  public static final String SLOTS = "cadenza.gpu.slots";
  public static final String JOBS_EXECUTED = "cadenza.gpu.jobs.executed";
  public static final String JOBS_REATTACHED = "cadenza.gpu.jobs.reattached";
  public static final String JOBS_COMPLETED = "cadenza.gpu.jobs.completed";
  public static final String JOBS_FAILED = "cadenza.gpu.jobs.failed";
  public static final String JOBS_CANCELED = "cadenza.gpu.jobs.canceled";
  public static final String GPU_SECONDS = "cadenza.gpu.seconds";

  private final Supplier<WorkerMetrics> metrics;

  /**
   * @param metrics the worker's snapshot, typically {@code server::metrics}; called on every read
   *     of every meter, so it should be cheap (the server's is: a short lock per model)
   */
  public GpuWorkerMeterBinder(Supplier<WorkerMetrics> metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    WorkerMetrics first = metrics.get();
    for (ModelMetrics model : first.models()) {
      ModelView view = new ModelView(metrics, model.model());
      Tags tags = Tags.of("worker", first.workerId(), "model", model.model());

      // Gauges hold their view strongly; the function counters below reference the same view
      // weakly (Micrometer's default), which is therefore kept alive by the registered gauges
      // for as long as they are registered, whoever holds (or drops) this binder.
      gauge(registry, QUEUE_DEPTH, "Jobs waiting for a slot", tags, view, ModelMetrics::queueDepth);
      gauge(registry, SLOTS_BUSY, "Slots running a job", tags, view, ModelMetrics::busySlots);
      gauge(registry, SLOTS, "Slots configured", tags, view, ModelMetrics::slots);

      counter(
          registry,
          JOBS_EXECUTED,
          "Jobs whose model run started (re-attaches excluded)",
          tags,
          view,
          m -> m.jobsExecuted());
      counter(
          registry,
          JOBS_REATTACHED,
          "Submissions that attached to an existing job",
          tags,
          view,
          m -> m.jobsReattached());
      counter(registry, JOBS_COMPLETED, "Jobs completed", tags, view, m -> m.jobsCompleted());
      counter(
          registry,
          JOBS_FAILED,
          "Jobs failed (rejected input included)",
          tags,
          view,
          m -> m.jobsFailed());
      counter(registry, JOBS_CANCELED, "Jobs canceled", tags, view, m -> m.jobsCanceled());
      counter(
          registry,
          GPU_SECONDS,
          "Slot time (GPU-seconds) used by finished jobs",
          tags,
          view,
          ModelMetrics::gpuSeconds);
    }
  }

  private static void gauge(
      MeterRegistry registry,
      String name,
      String description,
      Tags tags,
      ModelView view,
      ToDoubleFunction<ModelMetrics> value) {
    Gauge.builder(name, view, v -> v.read(value))
        .description(description)
        .tags(tags)
        .strongReference(true)
        .register(registry);
  }

  private static void counter(
      MeterRegistry registry,
      String name,
      String description,
      Tags tags,
      ModelView view,
      ToDoubleFunction<ModelMetrics> value) {
    FunctionCounter.builder(name, view, v -> v.read(value))
        .description(description)
        .tags(tags)
        .register(registry);
  }

  /** One model's row of the current snapshot. */
  private record ModelView(Supplier<WorkerMetrics> metrics, String model) {

    double read(ToDoubleFunction<ModelMetrics> value) {
      WorkerMetrics snapshot = metrics.get();
      for (ModelMetrics m : snapshot.models()) {
        if (m.model().equals(model)) {
          return value.applyAsDouble(m);
        }
      }
      return Double.NaN;
    }
  }
}
