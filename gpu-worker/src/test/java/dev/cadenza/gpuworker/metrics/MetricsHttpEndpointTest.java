package dev.cadenza.gpuworker.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The standalone worker's Prometheus endpoint, over real HTTP. */
class MetricsHttpEndpointTest {

  private static final String WORKER = "metrics-http-test";

  private final MeteredWorker worker = new MeteredWorker(WORKER);
  private final MetricsHttpEndpoint endpoint =
      new MetricsHttpEndpoint(worker.server::metrics).start(0);
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @AfterEach
  void stop() throws InterruptedException {
    endpoint.stop();
    worker.close();
    http.close();
  }

  @Test
  void servesTheWorkerMetersInPrometheusTextFormat() throws Exception {
    assertThat(worker.run(MeteredWorker.titleJob("h-1")).hasCompleted()).isTrue();
    assertThat(worker.run(MeteredWorker.titleJob("h-2")).hasCompleted()).isTrue();

    HttpResponse<String> response = get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    String tags = "{model=\"text\",worker=\"" + WORKER + "\"}";
    assertThat(response.body())
        .contains("# TYPE cadenza_gpu_jobs_executed_total counter")
        .contains("cadenza_gpu_jobs_executed_total" + tags + " 2.0\n")
        .contains("cadenza_gpu_jobs_completed_total" + tags + " 2.0\n")
        .contains("cadenza_gpu_jobs_reattached_total" + tags + " 0.0\n")
        .contains("cadenza_gpu_jobs_failed_total" + tags + " 0.0\n")
        .contains("cadenza_gpu_jobs_canceled_total" + tags + " 0.0\n")
        .contains("cadenza_gpu_seconds_total" + tags + " ")
        .contains("# TYPE cadenza_gpu_slots gauge")
        .contains("cadenza_gpu_slots" + tags + " 2.0\n")
        .contains("cadenza_gpu_slots_busy" + tags + " 0.0\n")
        .contains("cadenza_gpu_queue_depth" + tags + " 0.0\n")
        .contains("cadenza_gpu_slots{model=\"gate\",worker=\"" + WORKER + "\"} 1.0\n")
        .as("JVM meters too")
        .contains("jvm_memory_used_bytes{", "process_uptime_seconds");

    // Read at scrape time: a later job shows in the next scrape.
    assertThat(worker.run(MeteredWorker.titleJob("h-3")).hasCompleted()).isTrue();
    assertThat(get("/metrics").body())
        .contains("cadenza_gpu_jobs_executed_total" + tags + " 3.0\n");
  }

  @Test
  void answersWhatTheScraperAsksForAndHealth() throws Exception {
    HttpResponse<String> openMetrics = http.send(
        HttpRequest.newBuilder(uri("/metrics"))
            .header("Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8")
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(openMetrics.statusCode()).isEqualTo(200);
    assertThat(openMetrics.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/openmetrics-text"));
    assertThat(openMetrics.body()).contains("cadenza_gpu_slots{").endsWith("# EOF\n");

    HttpResponse<String> health = get("/-/healthy");
    assertThat(health.statusCode()).isEqualTo(200);
  }

  @Test
  void stopReleasesThePort() {
    int port = endpoint.getPort();
    endpoint.stop();
    endpoint.stop();

    assertThatThrownBy(endpoint::getPort).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void portComesFromTheEnvironment() {
    assertThat(MetricsHttpEndpoint.portFromEnvironment(Map.of())).isEqualTo(9464);
    assertThat(MetricsHttpEndpoint.portFromEnvironment(Map.of("GPU_WORKER_METRICS_PORT", " ")))
        .isEqualTo(9464);
    assertThat(MetricsHttpEndpoint.portFromEnvironment(Map.of("GPU_WORKER_METRICS_PORT", "0")))
        .isZero();
    assertThat(MetricsHttpEndpoint.portFromEnvironment(Map.of("GPU_WORKER_METRICS_PORT", "-1")))
        .isEqualTo(MetricsHttpEndpoint.OFF);
    assertThat(MetricsHttpEndpoint.startFromEnvironment(
            Map.of("GPU_WORKER_METRICS_PORT", "-1"), worker.server::metrics))
        .isNull();
    for (String bad : new String[] {"abc", "-2", "70000"}) {
      assertThatThrownBy(
              () -> MetricsHttpEndpoint.portFromEnvironment(Map.of("GPU_WORKER_METRICS_PORT", bad)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("GPU_WORKER_METRICS_PORT");
    }
  }

  @Test
  void startsFromTheEnvironmentOnAFreePort() throws Exception {
    MetricsHttpEndpoint fromEnv = MetricsHttpEndpoint.startFromEnvironment(
        Map.of("GPU_WORKER_METRICS_PORT", "0"), worker.server::metrics);
    try {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fromEnv.getPort() + "/metrics"))
              .timeout(Duration.ofSeconds(5))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("cadenza_gpu_slots{model=\"text\"");
    } finally {
      fromEnv.stop();
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + endpoint.getPort() + path);
  }
}
