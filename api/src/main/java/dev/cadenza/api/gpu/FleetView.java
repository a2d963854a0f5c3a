package dev.cadenza.api.gpu;

import java.util.List;

/**
 * Answer of {@code GET /v1/admin/fleet}: every configured GPU worker as it answered just now, and
 * the sums over the reachable ones.
 */
public record FleetView(List<Worker> workers, Totals totals) {

  /** One worker; an unreachable one has no {@code workerId} and no models. */
  public record Worker(
      String address,
      String workerId,
      boolean reachable,
      int slots,
      int busySlots,
      int queueDepth,
      List<Model> models) {}

  /** One model a worker serves: its slots, how many are busy, how many jobs wait. */
  public record Model(String model, int slots, int busySlots, int queueDepth) {}

  /** Sums over the reachable workers. */
  public record Totals(int workers, int reachable, int slots, int busySlots, int queueDepth) {}

  static FleetView of(List<Worker> workers) {
    Totals totals = new Totals(
        workers.size(),
        (int) workers.stream().filter(Worker::reachable).count(),
        workers.stream().mapToInt(Worker::slots).sum(),
        workers.stream().mapToInt(Worker::busySlots).sum(),
        workers.stream().mapToInt(Worker::queueDepth).sum());
    return new FleetView(workers, totals);
  }
}
