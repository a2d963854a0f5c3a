package dev.cadenza.api.gpu;

import dev.cadenza.api.embedded.EmbeddedInfrastructure;
import dev.cadenza.gpuworker.GpuWorkerConfig;
import dev.cadenza.gpuworker.GpuWorkerEnvironment;
import dev.cadenza.gpuworker.GpuWorkerServer;
import dev.cadenza.gpuworker.metrics.GpuWorkerMeterBinder;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.opentelemetry.api.OpenTelemetry;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The GPU worker with the built-in runners in this process, when no {@code GPU_WORKER_ADDRESSES}
 * was given: {@link EmbeddedInfrastructure} then picked its port and made it the fleet's one
 * address ({@code app.gpu.addresses}), so the activities' fleet client and the API's fleet
 * status reach it over gRPC as they would reach any other.
 */
@Configuration(proxyBeanMethods = false)
public class EmbeddedGpuConfiguration {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedGpuConfiguration.class);

  @Bean(destroyMethod = "stop")
  EmbeddedGpuWorker embeddedGpuWorker(
      Environment env, ObjectProvider<OpenTelemetry> openTelemetry) {
    String port = env.getProperty(EmbeddedInfrastructure.GPU_WORKER_PORT);
    if (port == null) {
      return EmbeddedGpuWorker.NONE;
    }
    // The embedded worker reads the same variables as gpu-worker.jar (model servers included).
    Map<String, String> settings = new HashMap<>(System.getenv());
    settings.put("GPU_WORKER_PORT", port);
    settings.put(
        "GPU_WORKER_SLOTS",
        env.getProperty("app.gpu.embedded.slots", "text=4,audio=2,image=2,mesh=1,video=1"));
    settings.put(
        "GPU_WORKER_SIMULATED_SECONDS", env.getProperty("app.gpu.embedded.simulated-seconds", "0"));
    settings.put("GPU_WORKER_ID", "embedded");
    GpuWorkerConfig config = GpuWorkerEnvironment.read(settings);
    // Its spans join this process's traces (and exporter).
    GpuWorkerServer server =
        new GpuWorkerServer(config, openTelemetry.getIfAvailable(OpenTelemetry::noop)).start();
    log.info("Embedded GPU worker listening on 127.0.0.1:{}", server.getPort());
    return new EmbeddedGpuWorker(server);
  }

  /** Queue depth, busy slots, GPU-seconds and re-attachments of the embedded worker. */
  @Bean
  MeterBinder gpuWorkerMeters(EmbeddedGpuWorker embedded) {
    GpuWorkerServer server = embedded.server();
    return server == null ? registry -> {} : new GpuWorkerMeterBinder(server::metrics);
  }
}
