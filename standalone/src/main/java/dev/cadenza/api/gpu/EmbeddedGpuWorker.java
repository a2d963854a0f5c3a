package dev.cadenza.api.gpu;

import dev.cadenza.gpuworker.GpuWorkerServer;

/** The in-process GPU worker of the embedded default, or none when workers are external. */
public record EmbeddedGpuWorker(GpuWorkerServer server) {
  static final EmbeddedGpuWorker NONE = new EmbeddedGpuWorker(null);

  public String address() {
    return "127.0.0.1:" + server.getPort();
  }

  public void stop() {
    if (server != null) {
      server.stop();
    }
  }
}
