package dev.cadenza.gpuworker;

import dev.cadenza.gpuworker.audio.AudioRunner;
import dev.cadenza.gpuworker.image.ImageRunner;
import dev.cadenza.gpuworker.mesh.MeshRunner;
import dev.cadenza.gpuworker.runner.ModelRunner;
import dev.cadenza.gpuworker.text.TextRunner;
import dev.cadenza.gpuworker.tracing.TraceContextServerInterceptor;
import dev.cadenza.gpuworker.video.VideoRunner;
import dev.cadenza.proto.gpu.v1.GpuWorkerGrpc;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GPU worker on a real socket: the {@code cadenza.gpu.v1.GpuWorker} service, gRPC health
 * (SERVING for "" and the service name) and reflection (so {@code grpcurl} works).
 *
 * <pre>{@code
 * GpuWorkerServer server = new GpuWorkerServer(GpuWorkerConfig.builder().port(0).build()).start();
 * int port = server.getPort();
 * ...
 * server.stop();
 * }</pre>
 */
public final class GpuWorkerServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GpuWorkerServer.class);
  // Liveness events are due every ~1 s; a 250 ms tick keeps their spacing within 1.0-1.25 s.
  private static final long TICK_MILLIS = 250;
  private static final long GRACE_SECONDS = 5;

  /**
   * Largest request the worker accepts: input files travel inside {@code SubmitJob} (callers keep
   * their inputs well below this).
   */
  public static final int MAX_REQUEST_BYTES = 64 << 20;

  private final GpuWorkerConfig config;
  private final JobRegistry registry;
  private final OpenTelemetry openTelemetry;
  private final HealthStatusManager health = new HealthStatusManager();
  private Server server;
  private ScheduledExecutorService ticker;
  private boolean stopped;

  /**
   * A worker with the runners of {@link RunnerCatalog#fromConfig}: the built-in ones unless the
   * config names real model servers.
   */
  public GpuWorkerServer(GpuWorkerConfig config) {
    this(config, RunnerCatalog.fromConfig(config));
  }

  /**
   * Like {@link #GpuWorkerServer(GpuWorkerConfig)}, recording the worker's spans with {@code
   * openTelemetry} (callers' trace ids reach the log lines with any instance, no-op included).
   */
  public GpuWorkerServer(GpuWorkerConfig config, OpenTelemetry openTelemetry) {
    this(config, RunnerCatalog.fromConfig(config), openTelemetry);
  }

  /** A worker serving the given runners (models with 0 configured slots are left out). */
  public GpuWorkerServer(GpuWorkerConfig config, List<ModelRunner> runners) {
    this(config, runners, OpenTelemetry.noop());
  }

  /** A worker serving the given runners, recording its spans with {@code openTelemetry}. */
  public GpuWorkerServer(
      GpuWorkerConfig config, List<ModelRunner> runners, OpenTelemetry openTelemetry) {
    this.config = config;
    this.openTelemetry = openTelemetry;
    Map<String, ModelPool> pools = new LinkedHashMap<>();
    for (ModelRunner runner : runners) {
      int slots = config.slotsFor(runner.model());
      if (slots > 0) {
        pools.put(
            runner.model(),
            new ModelPool(runner, slots, config.workerId(), config.simulationFor(runner.model())));
      }
    }
    this.registry = new JobRegistry(pools, config.retention());
  }

  /** The runners every worker has unless told otherwise. */
  public static List<ModelRunner> builtInRunners() {
    return List.of(
        new TextRunner(),
        new AudioRunner(),
        new ImageRunner(),
        new MeshRunner(),
        new VideoRunner());
  }

  /** Starts on the configured port. */
  public GpuWorkerServer start() {
    return start(config.port());
  }

  /**
   * Starts listening on {@code port} (0 = any free port).
   *
   * @throws UncheckedIOException when the port cannot be bound
   */
  public synchronized GpuWorkerServer start(int port) {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    server = NettyServerBuilder.forPort(port)
        .addService(ServerInterceptors.intercept(
            new GpuWorkerService(config.workerId(), registry),
            new TraceContextServerInterceptor(openTelemetry)))
        .addService(health.getHealthService())
        .addService(ProtoReflectionServiceV1.newInstance())
        // Callers hold long streams open and may ping to keep NATs and proxies happy.
        .permitKeepAliveTime(10, TimeUnit.SECONDS)
        .permitKeepAliveWithoutCalls(true)
        .maxInboundMessageSize(MAX_REQUEST_BYTES)
        .build();
    try {
      server.start();
    } catch (IOException e) {
      server = null;
      throw new UncheckedIOException("cannot listen on port " + port, e);
    }
    ticker = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("gpu-worker-ticker").daemon().factory());
    ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    health.setStatus("", ServingStatus.SERVING);
    health.setStatus(GpuWorkerGrpc.SERVICE_NAME, ServingStatus.SERVING);
    log.info(
        "GPU worker {} listening on port {}, models {}",
        config.workerId(),
        getPort(),
        metrics().models().stream().map(m -> m.model() + "=" + m.slots()).toList());
    return this;
  }

  /** The bound port (the real one when started with port 0). */
  public synchronized int getPort() {
    if (server == null) {
      throw new IllegalStateException("not started");
    }
    return server.getPort();
  }

  /**
   * Stops accepting calls, fails the jobs still queued or running with a retryable {@code
   * WORKER_SHUTDOWN} (callers retry elsewhere or after restart), and waits briefly for
   * streams to drain.
   */
  public synchronized void stop() {
    if (server == null || stopped) {
      return;
    }
    stopped = true;
    health.enterTerminalState();
    server.shutdown();
    registry.abortAll("GPU worker " + config.workerId() + " is shutting down");
    ticker.shutdownNow();
    try {
      if (!server.awaitTermination(GRACE_SECONDS, TimeUnit.SECONDS)) {
        server.shutdownNow().awaitTermination(GRACE_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
    log.info("GPU worker {} stopped", config.workerId());
  }

  @Override
  public void close() {
    stop();
  }

  /** Blocks until the server terminates (for {@link GpuWorkerMain}). */
  public void blockUntilShutdown() throws InterruptedException {
    Server running;
    synchronized (this) {
      running = server;
    }
    if (running != null) {
      running.awaitTermination();
    }
  }

  public GpuWorkerConfig config() {
    return config;
  }

  /** Per-model counters and gauges, for tests now and a metrics exporter later. */
  public WorkerMetrics metrics() {
    return new WorkerMetrics(
        config.workerId(),
        registry.pools().stream()
            .map(ModelPool::metrics)
            .sorted(Comparator.comparing(ModelMetrics::model))
            .toList());
  }

  private void tick() {
    try {
      registry.tick();
    } catch (RuntimeException e) {
      // A failed tick must not cancel the schedule: later ticks would never run.
      log.warn("GPU worker tick failed", e);
    }
  }
}
