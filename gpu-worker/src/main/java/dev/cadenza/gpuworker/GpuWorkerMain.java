package dev.cadenza.gpuworker;

import dev.cadenza.gpuworker.metrics.MetricsHttpEndpoint;
import dev.cadenza.gpuworker.tracing.WorkerTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.Map;

/**
 * Runs a standalone GPU worker configured from the environment (see {@link
 * GpuWorkerEnvironment#read}) until the process is stopped.
 */
public final class GpuWorkerMain {

  private GpuWorkerMain() {}

  /**
   * JSON lines (logback's JSON encoder, MDC included) when {@code
   * LOGGING_STRUCTURED_FORMAT_CONSOLE} is set, as for the API's processes; else plain text.
   */
  static String logbackConfiguration(Map<String, String> env) {
    String structured = env.get("LOGGING_STRUCTURED_FORMAT_CONSOLE");
    return structured == null || structured.isBlank()
        ? "gpu-worker-logback.xml"
        : "gpu-worker-logback-json.xml";
  }

  public static void main(String[] args) throws InterruptedException {
    // Before the first logger exists; an operator's -Dlogback.configurationFile still wins.
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", logbackConfiguration(System.getenv()));
    }
    // The image runner draws with java.awt; a worker has no display.
    System.setProperty("java.awt.headless", "true");
    OpenTelemetrySdk telemetry = WorkerTelemetry.fromEnvironment(System.getenv());
    GpuWorkerServer server =
        new GpuWorkerServer(GpuWorkerEnvironment.read(System.getenv()), telemetry);
    server.start();
    MetricsHttpEndpoint metrics =
        MetricsHttpEndpoint.startFromEnvironment(System.getenv(), server::metrics);
    Runtime.getRuntime()
        .addShutdownHook(new Thread(
            () -> {
              server.stop();
              if (metrics != null) {
                metrics.stop();
              }
              telemetry.close(); // sends the spans still buffered
            },
            "gpu-worker-shutdown"));
    server.blockUntilShutdown();
    if (metrics != null) {
      metrics.stop(); // its HTTP dispatcher thread would keep the JVM alive
    }
  }
}
