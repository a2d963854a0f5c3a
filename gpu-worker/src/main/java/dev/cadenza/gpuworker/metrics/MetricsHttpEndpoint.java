package dev.cadenza.gpuworker.metrics;

import dev.cadenza.gpuworker.WorkerMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics} for a standalone GPU worker, served by the Prometheus client's own {@link
 * HTTPServer} (an embedding process such as the api exports the {@link GpuWorkerMeterBinder}
 * through its own registry instead). The registry holds the worker's meters plus JVM and process
 * meters (memory, GC, threads, classes, CPU, uptime). The library answers the content type the
 * scraper asks for (text or OpenMetrics, gzip when accepted) and {@code /-/healthy}. The JDK
 * server under it has a non-daemon dispatcher thread: a process that started an endpoint must
 * {@link #stop()} it to exit without {@code System.exit}.
 *
 * <pre>{@code
 * MetricsHttpEndpoint metrics = new MetricsHttpEndpoint(server::metrics).start(9464);
 * int port = metrics.getPort();   // the real one when started with 0
 * metrics.stop();
 * }</pre>
 */
public final class MetricsHttpEndpoint implements AutoCloseable {

  /** Environment variable of {@link #startFromEnvironment}. */
  public static final String PORT_VARIABLE = "GPU_WORKER_METRICS_PORT";

  /** Port used when {@value #PORT_VARIABLE} is unset (the OpenTelemetry/Prometheus exporter's). */
  public static final int DEFAULT_PORT = 9464;

  /** The value of {@value #PORT_VARIABLE} that turns the endpoint off. */
  public static final int OFF = -1;

  private static final Logger log = LoggerFactory.getLogger(MetricsHttpEndpoint.class);

  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gcMetrics;
  private HTTPServer server;
  private boolean stopped;

  /** An endpoint for this worker's meters, with JVM and process meters. */
  public MetricsHttpEndpoint(Supplier<WorkerMetrics> metrics) {
    this(new GpuWorkerMeterBinder(metrics), true);
  }

  /**
   * An endpoint for {@code binder}'s meters.
   *
   * @param jvmMetrics whether to add JVM and process meters too
   */
  public MetricsHttpEndpoint(MeterBinder binder, boolean jvmMetrics) {
    Objects.requireNonNull(binder, "binder");
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    binder.bindTo(registry);
    if (jvmMetrics) {
      new ClassLoaderMetrics().bindTo(registry);
      new JvmMemoryMetrics().bindTo(registry);
      new JvmThreadMetrics().bindTo(registry);
      new ProcessorMetrics().bindTo(registry);
      new UptimeMetrics().bindTo(registry);
      gcMetrics = new JvmGcMetrics();
      gcMetrics.bindTo(registry);
    } else {
      gcMetrics = null;
    }
  }

  /**
   * Reads {@value #PORT_VARIABLE} (unset or blank: {@value #DEFAULT_PORT}; 0: any free port;
   * {@value #OFF}: off).
   *
   * @throws IllegalArgumentException naming the variable when the value is not a port or -1
   */
  public static int portFromEnvironment(Map<String, String> env) {
    String value = env.get(PORT_VARIABLE);
    if (value == null || value.isBlank()) {
      return DEFAULT_PORT;
    }
    try {
      int port = Integer.parseInt(value.strip());
      if (port < OFF || port > 65535) {
        throw new IllegalArgumentException("must be -1 (off), 0 (any free port) or a port");
      }
      return port;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          PORT_VARIABLE + "=\"" + value + "\" is invalid: " + e.getMessage(), e);
    }
  }

  /**
   * Starts an endpoint on the port named by {@value #PORT_VARIABLE}, or returns null when it is
   * {@value #OFF}.
   *
   * @throws IllegalArgumentException when the variable does not parse
   * @throws UncheckedIOException when the port cannot be bound
   */
  public static MetricsHttpEndpoint startFromEnvironment(
      Map<String, String> env, Supplier<WorkerMetrics> metrics) {
    int port = portFromEnvironment(env);
    return port == OFF ? null : new MetricsHttpEndpoint(metrics).start(port);
  }

  /**
   * Starts listening on {@code port} (0 = any free port), all interfaces.
   *
   * @throws UncheckedIOException when the port cannot be bound
   */
  public synchronized MetricsHttpEndpoint start(int port) {
    if (server != null || stopped) {
      throw new IllegalStateException(stopped ? "stopped" : "already started");
    }
    try {
      server = HTTPServer.builder()
          .port(port)
          .registry(registry.getPrometheusRegistry())
          .buildAndStart();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + port, e);
    }
    log.info("GPU worker metrics on http://0.0.0.0:{}/metrics", getPort());
    return this;
  }

  /** The bound port (the real one when started with port 0). */
  public synchronized int getPort() {
    if (server == null) {
      throw new IllegalStateException("not started");
    }
    return server.getPort();
  }

  /** The registry behind the endpoint, to add meters to. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Stops listening and releases the registry; idempotent; a stopped endpoint stays stopped. */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    if (server != null) {
      server.stop();
      server = null;
    }
    if (gcMetrics != null) {
      gcMetrics.close();
    }
    registry.close();
  }

  @Override
  public void close() {
    stop();
  }
}
