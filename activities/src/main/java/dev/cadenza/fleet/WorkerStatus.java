package dev.cadenza.fleet;

import java.util.List;

/**
 * One GPU worker as it answered {@code GetCapabilities} just now, for operators.
 *
 * @param address the {@code host:port} the fleet reaches it at
 * @param workerId the id it reports; null when it did not answer
 * @param reachable whether it answered within the deadline
 * @param models what it serves and how busy each model is; empty when unreachable
 */
public record WorkerStatus(
    String address, String workerId, boolean reachable, List<ModelStatus> models) {

  public WorkerStatus {
    models = List.copyOf(models);
  }

  /**
   * One model on a worker.
   *
   * @param slots jobs it runs at once
   * @param busySlots jobs running now
   * @param queueDepth jobs waiting for a slot
   */
  public record ModelStatus(String model, int slots, int busySlots, int queueDepth) {}

  public int slots() {
    return models.stream().mapToInt(ModelStatus::slots).sum();
  }

  public int busySlots() {
    return models.stream().mapToInt(ModelStatus::busySlots).sum();
  }

  public int queueDepth() {
    return models.stream().mapToInt(ModelStatus::queueDepth).sum();
  }
}
