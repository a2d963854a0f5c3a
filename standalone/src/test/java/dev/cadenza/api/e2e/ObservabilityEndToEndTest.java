package dev.cadenza.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What an operator sees of one song on the embedded stack: its trace, from the REST call through
 * the activities to the GPU worker's job; its metrics at {@code /actuator/prometheus}; its search
 * attributes and memo on the Temporal server. Same context as {@link SongEndToEndTest}.
 */
class ObservabilityEndToEndTest extends EmbeddedStackTest {
  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

  @Autowired
  WorkflowClient temporal;

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private ApiClient api;

  @BeforeEach
  void setUp() {
    api = new ApiClient(port);
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void detach() {
    root.detachAppender(logs);
  }

  @Test
  void oneTraceRunsFromTheRestCallThroughTheActivitiesToTheGpuJobs() {
    String key = api.signUp(100);
    String id = song(key, Map.of("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01"));
    awaitSucceeded(key, id);

    List<ILoggingEvent> lines = List.copyOf(logs.list).stream()
        .filter(e -> id.equals(e.getMDCPropertyMap().get("generationId")))
        .toList();
    assertThat(lines)
        .as("the API, the activities and the GPU worker log this generation")
        .anyMatch(e -> e.getLoggerName().endsWith("GenerationService"))
        .anyMatch(e -> e.getLoggerName().endsWith("LogContextInterceptor"))
        .anyMatch(e -> e.getLoggerName().endsWith("ModelPool")
            && e.getFormattedMessage().contains(":GenerateAudio started"));
    assertThat(lines)
        .allSatisfy(e -> assertThat(e.getMDCPropertyMap())
            .as(e.getFormattedMessage())
            .containsEntry("traceId", TRACE_ID)
            .containsEntry("workflowId", "song-" + id));
  }

  @Test
  void aSongShowsInTheMetricsOfTheProcess() {
    String key = api.signUp(100);
    awaitSucceeded(key, song(key, Map.of()));

    // Temporal's SDK reports its meters every 10 s.
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      String metrics = prometheus();
      assertThat(value(metrics, "cadenza_generations_total", "status=\"succeeded\",type=\"song\""))
          .isPositive();
      assertThat(value(metrics, "cadenza_generation_duration_seconds_count", "type=\"song\""))
          .isPositive();
      assertThat(value(
              metrics,
              "cadenza_generation_step_duration_seconds_count",
              "step=\"generateAudio\",type=\"song\""))
          .isPositive();
      assertThat(metrics).contains("cadenza_generation_step_duration_seconds_bucket{");
      assertThat(value(metrics, "cadenza_credits_reserved_total", "")).isPositive();
      assertThat(value(metrics, "cadenza_credits_captured_total", "")).isPositive();
      assertThat(metrics)
          .contains("cadenza_credits_released_total", "cadenza_credits_refunded_total");
      assertThat(value(metrics, "cadenza_gpu_seconds_total", "model=\"audio\"")).isPositive();
      assertThat(metrics).contains("cadenza_gpu_queue_depth{", "cadenza_gpu_slots_busy{");
      assertThat(value(
              metrics,
              "temporal_workflow_completed_total",
              "workflow_type=\"SongGenerationWorkflow\""))
          .isPositive();
      assertThat(value(
              metrics,
              "temporal_activity_execution_latency_seconds_count",
              "activity_type=\"GenerateAudio\""))
          .isPositive();
    });
  }

  @Test
  void theTemporalServerKnowsTheSongByTypeUserAndStatus() throws Exception {
    String key = api.signUp(100);
    String userId = api.get("/v1/me", key).body().path("id").asText();
    String id = song(key, Map.of());
    awaitSucceeded(key, id);
    // The read model says succeeded a moment before the workflow records its last attributes.
    temporal.newUntypedWorkflowStub("song-" + id).getResult(30, TimeUnit.SECONDS, Object.class);

    DescribeWorkflowExecutionResponse described = temporal
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
            .setNamespace(temporal.getOptions().getNamespace())
            .setExecution(WorkflowExecution.newBuilder().setWorkflowId("song-" + id))
            .build());
    WorkflowExecutionInfo info = described.getWorkflowExecutionInfo();

    assertThat(decode(info.getSearchAttributes().getIndexedFieldsMap()))
        .containsEntry("GenerationType", "song")
        .containsEntry("UserId", userId)
        .containsEntry("GenerationStatus", "succeeded");
    assertThat(decode(info.getMemo().getFieldsMap()))
        .containsEntry("summary", "song, 20 s, from a description, 10 credits")
        .containsEntry("outcome", "succeeded");
    // The static summary (the UI's User Metadata) is the memo's line, not a shorter one.
    assertThat(DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
            described.getExecutionConfig().getUserMetadata().getSummary(),
            String.class,
            String.class))
        .isEqualTo("song, 20 s, from a description, 10 credits");
  }

  private String song(String key, Map<String, String> headers) {
    var created = api.post(
        "/v1/generations",
        key,
        "{\"type\":\"song\",\"input\":{\"description\":\"a calm lo-fi song about rain\",\"durationSeconds\":20}}",
        headers);
    assertThat(created.status()).isEqualTo(201);
    return created.body().path("id").asText();
  }

  private void awaitSucceeded(String key, String id) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      last[0] = api.get("/v1/generations/" + id, key).body();
      return last[0].path("completedAt").isTextual();
    });
    assertThat(last[0].path("status").asText()).isEqualTo("succeeded");
  }

  private String prometheus() {
    var response = api.get("/actuator/prometheus", null);
    assertThat(response.status()).isEqualTo(200);
    return new String(response.bytes(), StandardCharsets.UTF_8);
  }

  /** The sum of the samples of {@code name} whose labels contain {@code labels}. */
  private static double value(String metrics, String name, String labels) {
    Matcher sample =
        Pattern.compile("(?m)^" + name + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(metrics);
    double sum = 0;
    while (sample.find()) {
      if (sample.group(1) == null ? labels.isEmpty() : sample.group(1).contains(labels)) {
        sum += Double.parseDouble(sample.group(2));
      }
    }
    return sum;
  }

  private static Map<String, String> decode(Map<String, Payload> fields) {
    return fields.entrySet().stream()
        .collect(Collectors.toMap(
            Map.Entry::getKey,
            e -> String.valueOf(DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
                e.getValue(), Object.class, Object.class))));
  }
}
