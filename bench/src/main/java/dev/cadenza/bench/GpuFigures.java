package dev.cadenza.bench;

import dev.cadenza.bench.stack.ManagedProcess;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * GPU cost and utilisation figures from the job executions of the measured generations.
 *
 * <ul>
 *   <li><b>spent</b>: slot time of every execution of their jobs (re-runs, failed, canceled and
 *       killed ones included);
 *   <li><b>delivered</b>: slot time of the one completed execution of each job of a succeeded
 *       generation, i.e. of the outputs users got; {@code ratio = spent / delivered} is 1 when no
 *       GPU work was repeated or wasted;
 *   <li><b>utilisation under backlog</b>, per model: busy slot time / available slot time between
 *       the model's first and last job start, the window in which more work for the model was
 *       still to come. Meaningful in backlog scenarios; at a steady rate below capacity slots idle
 *       legitimately.
 * </ul>
 */
final class GpuFigures {

  static Map<String, Object> of(
      List<GpuJobLog.Execution> executions,
      Set<String> measured,
      Set<String> succeeded,
      List<ManagedProcess.Lifetime> workers,
      ToIntFunction<String> slotsPerWorker,
      Instant end) {
    double spent = 0;
    int executed = 0;
    Map<String, Integer> runsPerJob = new HashMap<>();
    Map<String, Double> deliveredPerJob = new HashMap<>();
    Map<String, Integer> rerunAfter = new TreeMap<>();
    Map<String, double[]> byModel = new TreeMap<>(); // spent, delivered, executions
    Map<String, GpuJobLog.Execution> previous = new HashMap<>();
    List<GpuJobLog.Execution> ordered = executions.stream()
        .filter(e -> measured.contains(e.generationId()))
        .sorted((a, b) -> a.started().compareTo(b.started()))
        .toList();
    for (GpuJobLog.Execution e : ordered) {
      executed++;
      spent += e.gpuSeconds();
      double[] row = byModel.computeIfAbsent(e.model(), m -> new double[3]);
      row[0] += e.gpuSeconds();
      row[2]++;
      runsPerJob.merge(e.jobId(), 1, Integer::sum);
      GpuJobLog.Execution before = previous.put(e.jobId(), e);
      if (before != null) {
        rerunAfter.merge(before.state(), 1, Integer::sum);
      }
      if (e.completed() && succeeded.contains(e.generationId())) {
        Double old = deliveredPerJob.put(e.jobId(), e.gpuSeconds());
        row[1] += e.gpuSeconds() - (old == null ? 0 : old);
      }
    }
    double delivered =
        deliveredPerJob.values().stream().mapToDouble(Double::doubleValue).sum();

    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("secondsSpent", spent);
    figures.put("secondsDelivered", delivered);
    figures.put("ratio", delivered > 0 ? spent / delivered : Double.NaN);
    figures.put("jobs", runsPerJob.size());
    figures.put("executions", executed);
    figures.put("reruns", executed - runsPerJob.size());
    figures.put("rerunsAfter", rerunAfter);
    Map<String, Object> models = new TreeMap<>();
    byModel.forEach((model, row) -> models.put(
        model,
        Map.of(
            "secondsSpent", row[0],
            "secondsDelivered", row[1],
            "executions", (int) row[2])));
    figures.put("byModel", models);
    figures.put(
        "utilisationUnderBacklog", utilisation(ordered, executions, workers, slotsPerWorker, end));
    return figures;
  }

  private static Map<String, Object> utilisation(
      List<GpuJobLog.Execution> measured,
      Collection<GpuJobLog.Execution> all,
      List<ManagedProcess.Lifetime> workers,
      ToIntFunction<String> slotsPerWorker,
      Instant end) {
    Map<String, Instant[]> windows = new TreeMap<>();
    for (GpuJobLog.Execution e : measured) {
      Instant[] w =
          windows.computeIfAbsent(e.model(), m -> new Instant[] {e.started(), e.started()});
      if (e.started().isBefore(w[0])) {
        w[0] = e.started();
      }
      if (e.started().isAfter(w[1])) {
        w[1] = e.started();
      }
    }
    Map<String, Object> result = new LinkedHashMap<>();
    double busyAll = 0;
    double capacityAll = 0;
    for (Map.Entry<String, Instant[]> entry : windows.entrySet()) {
      String model = entry.getKey();
      Instant from = entry.getValue()[0];
      Instant to = entry.getValue()[1];
      double busy = 0;
      for (GpuJobLog.Execution e : all) {
        if (e.model().equals(model)) {
          busy += overlap(e.started(), e.ended(), from, to);
        }
      }
      double capacity = 0;
      for (ManagedProcess.Lifetime worker : workers) {
        Instant alive = worker.started() == null ? from : worker.started();
        Instant gone = worker.killed() == null ? end : worker.killed();
        capacity += slotsPerWorker.applyAsInt(model) * overlap(alive, gone, from, to);
      }
      busyAll += busy;
      capacityAll += capacity;
      result.put(
          model,
          Map.of(
              "windowSeconds",
              seconds(from, to),
              "busySlotSeconds",
              busy,
              "slotSeconds",
              capacity,
              "utilisation",
              capacity > 0 ? busy / capacity : Double.NaN));
    }
    result.put("all", capacityAll > 0 ? busyAll / capacityAll : Double.NaN);
    return result;
  }

  static double overlap(Instant start, Instant end, Instant from, Instant to) {
    long a = Math.max(start.toEpochMilli(), from.toEpochMilli());
    long b = Math.min(end.toEpochMilli(), to.toEpochMilli());
    return b > a ? (b - a) / 1000.0 : 0;
  }

  private static double seconds(Instant from, Instant to) {
    return (to.toEpochMilli() - from.toEpochMilli()) / 1000.0;
  }

  private GpuFigures() {}
}
