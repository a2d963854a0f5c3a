package dev.cadenza.gpuworker.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics} in the Prometheus text format, for a standalone GPU worker (an embedding
 * process such as the api exports the {@link GpuWorkerMeterBinder} through its own registry
 * instead). Serves a {@link PrometheusMeterRegistry} holding the worker's meters plus JVM and
 * process meters (memory, GC, threads, classes, CPU, uptime). Plain HTTP on all interfaces; any
 * other path is 404, any other method 405. The JDK server's dispatcher thread is not a daemon:
 * a process that started an endpoint must {@link #stop()} it to exit without {@code
 * System.exit}.
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

  static final String PATH = "/metrics";
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final Logger log = LoggerFactory.getLogger(MetricsHttpEndpoint.class);

  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gcMetrics;
  private HttpServer server;
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
   * Starts listening on {@code port} (0 = any free port).
   *
   * @throws UncheckedIOException when the port cannot be bound
   */
  public synchronized MetricsHttpEndpoint start(int port) {
    if (server != null || stopped) {
      throw new IllegalStateException(stopped ? "stopped" : "already started");
    }
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + port, e);
    }
    http.createContext("/", this::handle);
    // Requests run on the server's dispatcher thread: scrapes are rare and quick.
    http.setExecutor(null);
    http.start();
    server = http;
    log.info("GPU worker metrics on http://0.0.0.0:{}{}", getPort(), PATH);
    return this;
  }

  /** The bound port (the real one when started with port 0). */
  public synchronized int getPort() {
    if (server == null) {
      throw new IllegalStateException("not started");
    }
    return server.getAddress().getPort();
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
      server.stop(0);
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

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!PATH.equals(exchange.getRequestURI().getPath())) {
        respond(exchange, 404, "text/plain; charset=utf-8", "Not found; try " + PATH + "\n");
        return;
      }
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        respond(exchange, 405, "text/plain; charset=utf-8", "Method not allowed\n");
        return;
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
      try {
        registry.scrape(body, CONTENT_TYPE);
      } catch (RuntimeException e) {
        log.warn("metrics scrape failed", e);
        respond(exchange, 500, "text/plain; charset=utf-8", "scrape failed: " + e + "\n");
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      if (method.equals("HEAD")) {
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      exchange.sendResponseHeaders(200, body.size());
      try (OutputStream out = exchange.getResponseBody()) {
        body.writeTo(out);
      }
    }
  }

  private static void respond(HttpExchange exchange, int status, String contentType, String text)
      throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
