package dev.cadenza.gpuworker.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerTelemetryTest {

  @Test
  void spansStayInTheProcessUnlessAnEndpointIsSet() {
    assertThat(WorkerTelemetry.tracesEndpoint(Map.of())).isNull();
    assertThat(WorkerTelemetry.tracesEndpoint(Map.of(WorkerTelemetry.ENDPOINT, " ")))
        .isNull();
  }

  @Test
  void theTracesEndpointIsUsedAsGivenAndTheBaseEndpointGetsTheTracesPath() {
    assertThat(WorkerTelemetry.tracesEndpoint(
            Map.of(WorkerTelemetry.TRACES_ENDPOINT, "http://c:4318/v1/traces")))
        .isEqualTo("http://c:4318/v1/traces");
    assertThat(WorkerTelemetry.tracesEndpoint(Map.of(WorkerTelemetry.ENDPOINT, "http://c:4318/")))
        .isEqualTo("http://c:4318/v1/traces");
    assertThat(WorkerTelemetry.tracesEndpoint(Map.of(
            WorkerTelemetry.ENDPOINT, "http://base:4318",
            WorkerTelemetry.TRACES_ENDPOINT, "http://traces:4318/v1/traces")))
        .isEqualTo("http://traces:4318/v1/traces");
  }
}
