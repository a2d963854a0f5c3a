package dev.cadenza.observability;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Reads the OpenTelemetry standard variables that say where spans go, so that every Cadenza
 * process (this one and the GPU worker) is configured the same way: {@code
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} (full URL, {@code http://collector:4318/v1/traces}) or
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} (the collector's base URL) becomes {@code
 * management.otlp.tracing.endpoint}. Without either, spans are not exported, but trace ids are
 * still made, logged and propagated. An explicit {@code management.otlp.tracing.endpoint} wins.
 */
public class TracingExportEnvironment implements EnvironmentPostProcessor {
  static final String SOURCE = "cadenzaTracingExport";
  static final String PROPERTY = "management.otlp.tracing.endpoint";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
    if (env.containsProperty(PROPERTY)) {
      return;
    }
    String endpoint = endpoint(
        env.getProperty("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"),
        env.getProperty("OTEL_EXPORTER_OTLP_ENDPOINT"));
    if (endpoint != null) {
      env.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of(PROPERTY, endpoint)));
    }
  }

  static String endpoint(String traces, String base) {
    if (traces != null && !traces.isBlank()) {
      return traces.strip();
    }
    if (base != null && !base.isBlank()) {
      return base.strip().replaceAll("/+$", "") + "/v1/traces";
    }
    return null;
  }
}
