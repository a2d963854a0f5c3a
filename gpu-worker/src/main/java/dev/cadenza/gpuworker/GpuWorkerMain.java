package dev.cadenza.gpuworker;

import dev.cadenza.gpuworker.metrics.MetricsHttpEndpoint;

/**
 * Runs a standalone GPU worker configured from the environment (see {@link
 * GpuWorkerConfig#fromEnvironment}) until the process is stopped.
 */
public final class GpuWorkerMain {

  private GpuWorkerMain() {}

  public static void main(String[] args) throws InterruptedException {
    // Before the first logger exists; an operator's -Dlogback.configurationFile still wins.
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "gpu-worker-logback.xml");
    }
    // The image runner draws with java.awt; a worker has no display.
    System.setProperty("java.awt.headless", "true");
    GpuWorkerServer server = new GpuWorkerServer(GpuWorkerConfig.fromEnvironment(System.getenv()));
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
            },
            "gpu-worker-shutdown"));
    server.blockUntilShutdown();
    if (metrics != null) {
      metrics.stop(); // its HTTP dispatcher thread would keep the JVM alive
    }
  }
}
