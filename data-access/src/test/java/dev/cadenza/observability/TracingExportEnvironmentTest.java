package dev.cadenza.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class TracingExportEnvironmentTest {
  private final TracingExportEnvironment processor = new TracingExportEnvironment();

  @Test
  void withoutAnOtlpEndpointSpansAreNotExported() {
    MockEnvironment env = new MockEnvironment();
    processor.postProcessEnvironment(env, new SpringApplication());

    assertThat(env.getProperty(TracingExportEnvironment.PROPERTY)).isNull();
  }

  @Test
  void theStandardOtelVariablesSetTheExportEndpoint() {
    MockEnvironment base =
        new MockEnvironment().withProperty("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/");
    processor.postProcessEnvironment(base, new SpringApplication());
    MockEnvironment traces = new MockEnvironment()
        .withProperty("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")
        .withProperty("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://traces:4318/v1/traces");
    processor.postProcessEnvironment(traces, new SpringApplication());

    assertThat(base.getProperty(TracingExportEnvironment.PROPERTY))
        .isEqualTo("http://collector:4318/v1/traces");
    assertThat(traces.getProperty(TracingExportEnvironment.PROPERTY))
        .isEqualTo("http://traces:4318/v1/traces");
  }

  @Test
  void anExplicitSpringSettingWins() {
    MockEnvironment env = new MockEnvironment()
        .withProperty(TracingExportEnvironment.PROPERTY, "http://explicit:4318/v1/traces")
        .withProperty("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318");
    processor.postProcessEnvironment(env, new SpringApplication());

    assertThat(env.getProperty(TracingExportEnvironment.PROPERTY))
        .isEqualTo("http://explicit:4318/v1/traces");
  }
}
