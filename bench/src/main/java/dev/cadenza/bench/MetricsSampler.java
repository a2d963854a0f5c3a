package dev.cadenza.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Samples the GPU workers' Prometheus meters at a fixed interval, fleet-wide per model: slot
 * utilisation while the model had jobs waiting in a worker's queue (busy slots / slots over the
 * samples with queue depth > 0), the deepest queue seen, and the counters (GPU-seconds, jobs
 * executed and re-attached) from the first to the last sample, across worker restarts.
 */
final class MetricsSampler implements AutoCloseable {
  private final List<String> endpoints;
  private final Duration every;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final Map<String, Queued> queued = new TreeMap<>();
  private final Map<String, Counter> counters = new HashMap<>();
  private final Thread thread;
  private volatile boolean running = true;
  private int samples;
  private int failedScrapes;

  /** Per model: samples with work queued, busy and total slots summed over them, deepest queue. */
  static final class Queued {
    int samples;
    double busy;
    double slots;
    double maxDepth;
  }

  /** A counter's growth, summing the lifetimes of a restarted worker (its counter restarts at 0). */
  private static final class Counter {
    double first = Double.NaN;
    double last;
    double beforeResets;

    void observe(double value) {
      if (Double.isNaN(first)) {
        first = value;
      } else if (value < last) {
        beforeResets += last;
      }
      last = value;
    }

    double growth() {
      return Double.isNaN(first) ? 0 : beforeResets + last - first;
    }
  }

  MetricsSampler(List<String> endpoints, Duration every) {
    this.endpoints = List.copyOf(endpoints);
    this.every = every;
    this.thread = Thread.ofPlatform().daemon().name("metrics-sampler").unstarted(this::loop);
  }

  MetricsSampler start() {
    if (!endpoints.isEmpty()) {
      thread.start();
    }
    return this;
  }

  private void loop() {
    long next = System.nanoTime();
    while (running) {
      sampleOnce();
      next += every.toNanos();
      long wait = next - System.nanoTime();
      if (wait > 0) {
        try {
          Thread.sleep(Duration.ofNanos(wait));
        } catch (InterruptedException e) {
          return;
        }
      } else {
        next = System.nanoTime();
      }
    }
  }

  /** One tick: every endpoint once; a worker that does not answer (killed) is left out. */
  synchronized void sampleOnce() {
    Map<String, double[]> fleet = new TreeMap<>(); // model -> busy, slots, queue
    for (String endpoint : endpoints) {
      String text = scrape(endpoint);
      if (text == null) {
        failedScrapes++;
        continue;
      }
      for (PrometheusText.Sample s : PrometheusText.parse(text, "cadenza_gpu_")) {
        String model = s.label("model");
        double[] row = fleet.computeIfAbsent(model, m -> new double[3]);
        switch (s.name()) {
          case "cadenza_gpu_slots_busy" -> row[0] += s.value();
          case "cadenza_gpu_slots" -> row[1] += s.value();
          case "cadenza_gpu_queue_depth" -> row[2] += s.value();
          default ->
            counters
                .computeIfAbsent(
                    endpoint + "|" + s.name() + "|" + s.label("worker") + "|" + model,
                    k -> new Counter())
                .observe(s.value());
        }
      }
    }
    samples++;
    fleet.forEach((model, row) -> {
      Queued q = queued.computeIfAbsent(model, m -> new Queued());
      q.maxDepth = Math.max(q.maxDepth, row[2]);
      if (row[2] > 0) {
        q.samples++;
        q.busy += row[0];
        q.slots += row[1];
      }
    });
  }

  private String scrape(String endpoint) {
    try {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(URI.create(endpoint))
              .timeout(Duration.ofSeconds(2))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  synchronized Map<String, Queued> queued() {
    return new TreeMap<>(queued);
  }

  /** Growth of a counter ({@code cadenza_gpu_seconds_total}, ...) per model, fleet-wide. */
  synchronized Map<String, Double> growth(String name) {
    Map<String, Double> byModel = new TreeMap<>();
    counters.forEach((key, counter) -> {
      String[] parts = key.split("\\|");
      if (parts[1].equals(name)) {
        byModel.merge(parts[3], counter.growth(), Double::sum);
      }
    });
    return byModel;
  }

  /** The sampled figures for the report. */
  synchronized Map<String, Object> report() {
    Map<String, Object> sampled = new LinkedHashMap<>();
    sampled.put("samples", samples());
    sampled.put("failedScrapes", failedScrapes());
    Map<String, Object> whileQueued = new TreeMap<>();
    queued()
        .forEach((model, q) -> whileQueued.put(
            model,
            Map.of(
                "samplesWithQueue", q.samples,
                "maxQueueDepth", q.maxDepth,
                "utilisation", q.slots > 0 ? q.busy / q.slots : Double.NaN)));
    sampled.put("utilisationWhileQueued", whileQueued);
    sampled.put("secondsCounter", growth("cadenza_gpu_seconds_total"));
    sampled.put("jobsExecutedCounter", growth("cadenza_gpu_jobs_executed_total"));
    sampled.put("jobsReattachedCounter", growth("cadenza_gpu_jobs_reattached_total"));
    return sampled;
  }

  synchronized int samples() {
    return samples;
  }

  synchronized int failedScrapes() {
    return failedScrapes;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    http.close();
  }
}
