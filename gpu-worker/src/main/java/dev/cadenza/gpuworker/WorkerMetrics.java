package dev.cadenza.gpuworker;

import java.util.List;
import java.util.NoSuchElementException;

/** A snapshot of a worker's per-model counters, ordered by model name. */
public record WorkerMetrics(String workerId, List<ModelMetrics> models) {

  public WorkerMetrics {
    models = List.copyOf(models);
  }

  /** The counters of one model. */
  public ModelMetrics model(String name) {
    return models.stream()
        .filter(m -> m.model().equals(name))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException("no model " + name));
  }
}
