package dev.cadenza.gpuworker.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.Map;

/**
 * The standalone worker's OpenTelemetry: spans get ids (and continue the caller's trace) always;
 * they are exported over OTLP/HTTP only when {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} (the full
 * URL, e.g. {@code http://collector:4318/v1/traces}) or {@code OTEL_EXPORTER_OTLP_ENDPOINT} (the
 * collector's base URL) is set. {@code OTEL_SERVICE_NAME} names the service (default {@code
 * cadenza-gpu-worker}). Sampling follows the caller's decision.
 */
public final class WorkerTelemetry {
  public static final String TRACES_ENDPOINT = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
  public static final String ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";
  public static final String SERVICE_NAME = "OTEL_SERVICE_NAME";

  private WorkerTelemetry() {}

  public static OpenTelemetrySdk fromEnvironment(Map<String, String> env) {
    String service = env.getOrDefault(SERVICE_NAME, "");
    SdkTracerProviderBuilder tracing = SdkTracerProvider.builder()
        .setResource(Resource.getDefault()
            .merge(Resource.create(Attributes.of(
                AttributeKey.stringKey("service.name"),
                service.isBlank() ? "cadenza-gpu-worker" : service))));
    String endpoint = tracesEndpoint(env);
    if (endpoint != null) {
      tracing.addSpanProcessor(BatchSpanProcessor.builder(
              OtlpHttpSpanExporter.builder().setEndpoint(endpoint).build())
          .build());
    }
    return OpenTelemetrySdk.builder()
        .setTracerProvider(tracing.build())
        .setPropagators(ContextPropagators.create(TraceContextServerInterceptor.PROPAGATOR))
        .build();
  }

  /** Where spans go, or null to keep them in the process (ids and propagation only). */
  static String tracesEndpoint(Map<String, String> env) {
    String traces = env.get(TRACES_ENDPOINT);
    if (traces != null && !traces.isBlank()) {
      return traces.strip();
    }
    String base = env.get(ENDPOINT);
    if (base != null && !base.isBlank()) {
      return base.strip().replaceAll("/+$", "") + "/v1/traces";
    }
    return null;
  }
}
