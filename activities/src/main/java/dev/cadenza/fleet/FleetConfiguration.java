package dev.cadenza.fleet;

import static dev.cadenza.generation.events.GenerationEventType.PROGRESS;

import dev.cadenza.generation.GenerationStore;
import dev.cadenza.generation.events.GenerationEvents;
import dev.cadenza.net.FleetAddresses;
import dev.cadenza.storage.ObjectStorage;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The GPU fleet client and the activities that use it. The workers are those of {@code
 * GPU_WORKER_ADDRESSES} ({@code app.gpu.addresses}); the all-in-one launcher sets it to the GPU
 * worker it runs in its own process, so the fleet talks to that one over gRPC like to any other.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FleetProperties.class)
public class FleetConfiguration {

  @Bean(destroyMethod = "close")
  GpuFleet gpuFleet(FleetProperties properties, ObjectProvider<OpenTelemetry> openTelemetry) {
    return new GpuFleet(
        new FleetAddresses(properties.addresses()), // a DNS name may stand for many workers
        properties.callDeadline(),
        properties.unaryDeadline(),
        openTelemetry.getIfAvailable(OpenTelemetry::noop));
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
