package dev.cadenza.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The report's latency, throughput and outcome figures, from submissions and outcomes. */
final class Figures {

  static Map<String, Object> submit(List<Submission> submissions, double submitSeconds) {
    List<Double> latency = new ArrayList<>();
    List<Double> lag = new ArrayList<>();
    Map<String, Integer> rejected = new TreeMap<>();
    for (Submission s : submissions) {
      lag.add(s.scheduleLagMillis());
      if (s.accepted()) {
        latency.add(s.latencyMillis());
      } else {
        rejected.merge(s.status() + " " + s.errorCode(), 1, Integer::sum);
      }
    }
    Map<String, Object> submit = new LinkedHashMap<>();
    submit.put("submitted", submissions.size());
    submit.put("accepted", latency.size());
    submit.put("rejected", rejected);
    submit.put("offeredPerSecond", submissions.size() / submitSeconds);
    submit.put("latencyMs", stats(latency));
    submit.put("scheduleLagMs", stats(lag));
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("submit", submit);
    Map<String, Object> upload = upload(submissions);
    if (upload != null) {
      figures.put("upload", upload);
    }
    return figures;
  }

  /**
   * The upload phase of the submissions that had one (create, PUT, complete, before their
   * generation is submitted), or null when none had: not part of {@code submit.latencyMs}.
   */
  static Map<String, Object> upload(List<Submission> submissions) {
    List<Double> latency = new ArrayList<>();
    Map<String, Integer> failed = new TreeMap<>();
    int uploads = 0;
    for (Submission s : submissions) {
      if (s.upload() == null) {
        continue;
      }
      uploads++;
      if (s.upload().ready()) {
        latency.add(s.uploadMillis());
      } else {
        failed.merge(s.upload().status() + " " + s.upload().errorCode(), 1, Integer::sum);
      }
    }
    if (uploads == 0) {
      return null;
    }
    Map<String, Object> upload = new LinkedHashMap<>();
    upload.put("uploads", uploads);
    upload.put("ready", latency.size());
    upload.put("failed", failed);
    upload.put("latencyMs", stats(latency));
    return upload;
  }

  static Map<String, Object> outcomes(List<Outcome> outcomes, int unfinished) {
    Map<String, Integer> status = new TreeMap<>();
    Map<String, Integer> errors = new TreeMap<>();
    List<Double> endToEnd = new ArrayList<>();
    List<Double> overhead = new ArrayList<>();
    List<Double> critical = new ArrayList<>();
    List<Instant> created = new ArrayList<>();
    List<Instant> completed = new ArrayList<>();
    Map<String, List<Double>> steps = new LinkedHashMap<>();
    for (Outcome o : outcomes) {
      status.merge(o.status(), 1, Integer::sum);
      if (o.errorCode() != null) {
        errors.merge(o.errorCode(), 1, Integer::sum);
      }
      created.add(o.createdAt());
      if (!o.succeeded()) {
        continue;
      }
      endToEnd.add(o.endToEndMillis());
      o.stepMillis()
          .forEach(
              (step, ms) -> steps.computeIfAbsent(step, k -> new ArrayList<>()).add(ms));
      completed.add(o.completedAt());
      o.criticalModelTime().ifPresent(t -> {
        overhead.add(o.overheadMillis());
        critical.add(t.toNanos() / 1e6);
      });
    }
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("status", status);
    figures.put("unfinishedAtTimeout", unfinished);
    figures.put("errors", errors);
    figures.put("endToEndMs", stats(endToEnd));
    figures.put("orchestrationOverheadMs", stats(overhead));
    figures.put("criticalPathModelTimeMs", stats(critical));
    Map<String, Object> stepFigures = new LinkedHashMap<>();
    steps.forEach((step, ms) -> stepFigures.put(step, stats(ms)));
    figures.put("stepMs", stepFigures);
    figures.put("completionsPerSecond", completionsPerSecond(created, completed));
    figures.put("steadyCompletionsPerSecond", steadyCompletionsPerSecond(completed));
    return figures;
  }

  /** Succeeded generations over the time from the first creation to the last completion. */
  static double completionsPerSecond(List<Instant> created, List<Instant> completed) {
    if (completed.isEmpty()) {
      return 0;
    }
    Instant first = created.stream().min(Instant::compareTo).orElseThrow();
    Instant last = completed.stream().max(Instant::compareTo).orElseThrow();
    double seconds = (last.toEpochMilli() - first.toEpochMilli()) / 1000.0;
    return seconds > 0 ? completed.size() / seconds : Double.NaN;
  }

  /**
   * The completion rate between the 10th and the 90th percentile completion, leaving out the
   * pipeline's fill and drain; NaN with fewer than 20 completions.
   */
  static double steadyCompletionsPerSecond(List<Instant> completed) {
    if (completed.size() < 20) {
      return Double.NaN;
    }
    long[] ms = completed.stream().mapToLong(Instant::toEpochMilli).sorted().toArray();
    int from = (int) Math.floor(ms.length * 0.1);
    int to = (int) Math.ceil(ms.length * 0.9) - 1;
    double seconds = (ms[to] - ms[from]) / 1000.0;
    return seconds > 0 ? (to - from) / seconds : Double.NaN;
  }

  static Map<String, Object> stats(Collection<Double> values) {
    Stats s = Stats.of(values);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", s.count());
    m.put("mean", s.mean());
    m.put("p50", s.p50());
    m.put("p90", s.p90());
    m.put("p99", s.p99());
    m.put("max", s.max());
    return m;
  }

  /** A copy with every double rounded to 3 decimals and NaN as null (JSON has no NaN). */
  @SuppressWarnings("unchecked")
  static <T> T rounded(T value) {
    if (value instanceof Double d) {
      return (T) (d.isNaN() || d.isInfinite() ? null : (Object) (Math.round(d * 1000) / 1000.0));
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(k, rounded(v)));
      return (T) copy;
    }
    if (value instanceof List<?> list) {
      return (T) list.stream().map(Figures::rounded).toList();
    }
    return value;
  }

  private Figures() {}
}
