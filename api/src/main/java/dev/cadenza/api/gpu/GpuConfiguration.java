package dev.cadenza.api.gpu;

import static dev.cadenza.generation.events.GenerationEventType.PROGRESS;

import dev.cadenza.fleet.FleetAddresses;
import dev.cadenza.fleet.FleetProperties;
import dev.cadenza.fleet.GpuFleet;
import dev.cadenza.fleet.JobProgressListener;
import dev.cadenza.fleet.MediaActivitiesImpl;
import dev.cadenza.fleet.TextActivitiesImpl;
import dev.cadenza.generation.GenerationStore;
import dev.cadenza.generation.events.GenerationEvents;
import dev.cadenza.gpuworker.GpuWorkerConfig;
import dev.cadenza.gpuworker.GpuWorkerEnvironment;
import dev.cadenza.gpuworker.GpuWorkerServer;
import dev.cadenza.gpuworker.metrics.GpuWorkerMeterBinder;
import dev.cadenza.storage.ObjectStorage;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.opentelemetry.api.OpenTelemetry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The GPU fleet client and the activities that use it. With no {@code GPU_WORKER_ADDRESSES},
 * a GPU worker with the built-in runners runs in this process on a real socket, and the fleet
 * talks to it over gRPC like to any other.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FleetProperties.class)
public class GpuConfiguration {
  private static final Logger log = LoggerFactory.getLogger(GpuConfiguration.class);

  /** Present only when no external workers are configured. */
  @Bean(destroyMethod = "stop")
  EmbeddedGpuWorker embeddedGpuWorker(
      FleetProperties fleet, Environment env, ObjectProvider<OpenTelemetry> openTelemetry) {
    if (!fleet.addresses().isEmpty()) {
      return EmbeddedGpuWorker.NONE;
    }
    // The embedded worker reads the same variables as gpu-worker.jar (model servers included).
    Map<String, String> settings = new HashMap<>(System.getenv());
    settings.put("GPU_WORKER_PORT", env.getProperty("app.gpu.embedded.port", "0"));
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

  @Bean(destroyMethod = "close")
  GpuFleet gpuFleet(
      FleetProperties properties,
      EmbeddedGpuWorker embedded,
      ObjectProvider<OpenTelemetry> openTelemetry) {
    Supplier<List<String>> addresses = properties.addresses().isEmpty()
        ? () -> List.of(embedded.address())
        : new FleetAddresses(properties.addresses()); // a DNS name may stand for many workers
    return new GpuFleet(
        addresses,
        properties.callDeadline(),
        properties.unaryDeadline(),
        openTelemetry.getIfAvailable(OpenTelemetry::noop));
  }

  /** Queue depth, busy slots, GPU-seconds and re-attachments of the embedded worker. */
  @Bean
  MeterBinder gpuWorkerMeters(EmbeddedGpuWorker embedded) {
    GpuWorkerServer server = embedded.server();
    return server == null ? registry -> {} : new GpuWorkerMeterBinder(server::metrics);
  }

  /** Progress goes to the read model (the generation's {@code progress}) and the event log. */
  @Bean
  JobProgressListener generationProgress(
      ObjectProvider<GenerationStore> store, ObjectProvider<GenerationEvents> events) {
    return (generationId, step, percent) -> {
      store.getObject().progress(generationId, step, percent);
      events.getObject().emit(generationId, PROGRESS, GenerationEvents.progress(step, percent));
    };
  }

  @Bean("mediaActivities")
  MediaActivitiesImpl mediaActivities(
      GpuFleet fleet, ObjectStorage storage, JobProgressListener progress) {
    return new MediaActivitiesImpl(fleet, storage, progress);
  }

  @Bean("textActivities")
  TextActivitiesImpl textActivities(GpuFleet fleet, JobProgressListener progress) {
    return new TextActivitiesImpl(fleet, progress);
  }
}
