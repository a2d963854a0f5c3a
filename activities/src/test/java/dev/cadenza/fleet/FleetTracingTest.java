package dev.cadenza.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.cadenza.gpuworker.GpuWorkerConfig;
import dev.cadenza.gpuworker.GpuWorkerServer;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * One trace from the caller to the GPU job: the fleet's client span is a child of the caller's
 * span, the worker's span a child of the client span, and the worker's log lines for the job
 * carry the caller's trace id and the generation named in the caller's baggage.
 */
class FleetTracingTest {
  private final List<SpanData> spans = new CopyOnWriteArrayList<>();
  private final ListAppender<ILoggingEvent> workerLogs = new ListAppender<>();
  private final Logger workerLogger = (Logger) LoggerFactory.getLogger("dev.cadenza.gpuworker");
  private OpenTelemetrySdk telemetry;
  private GpuWorkerServer worker;
  private GpuFleet fleet;

  @BeforeEach
  void start() {
    workerLogs.start();
    workerLogger.addAppender(workerLogs);
    telemetry = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(new Collecting()))
            .build())
        .build();
    worker = new GpuWorkerServer(
            GpuWorkerConfig.builder().port(0).workerId("traced").build(),
            GpuWorkerServer.builtInRunners(),
            telemetry)
        .start();
    fleet = new GpuFleet(
        () -> List.of(Workers.address(worker)),
        Duration.ofSeconds(30),
        Duration.ofSeconds(5),
        telemetry);
  }

  @AfterEach
  void stop() {
    workerLogger.detachAppender(workerLogs);
    fleet.close();
    worker.stop();
    telemetry.close();
  }

  @Test
  void theJobContinuesTheCallersTraceWithItsGeneration() throws Exception {
    Span activity = telemetry.getTracer("test").spanBuilder("RunActivity").startSpan();
    Context context = Context.current()
        .with(activity)
        .with(Baggage.builder()
            .put("generationId", "gen_trace")
            .put("workflowId", "song-gen_trace")
            .build());
    try (Scope scope = context.makeCurrent();
        JobOutcome outcome = fleet.run(
            JobSpec.of(
                "song-gen_trace:WritePrompt",
                "text",
                Map.of("task", "prompt", "description", "rain"),
                "u"),
            JobListener.NONE)) {
      assertThat(outcome.text()).isNotBlank();
    } finally {
      activity.end();
    }

    String traceId = activity.getSpanContext().getTraceId();
    Workers.await(
        "the job's spans have ended",
        Duration.ofSeconds(10),
        // The client span ends on the call's listener thread, possibly after the server's.
        () -> spans.stream()
                .anyMatch(s -> s.getName().endsWith("/SubmitJob") && s.getKind() == SpanKind.SERVER)
            && spans.stream()
                .anyMatch(
                    s -> s.getName().endsWith("/SubmitJob") && s.getKind() == SpanKind.CLIENT));
    SpanData client = span("cadenza.gpu.v1.GpuWorker/SubmitJob", SpanKind.CLIENT);
    SpanData server = span("cadenza.gpu.v1.GpuWorker/SubmitJob", SpanKind.SERVER);
    assertThat(client.getTraceId()).isEqualTo(traceId);
    assertThat(client.getParentSpanId()).isEqualTo(activity.getSpanContext().getSpanId());
    assertThat(server.getTraceId()).isEqualTo(traceId);
    assertThat(server.getParentSpanId()).isEqualTo(client.getSpanId());
    assertThat(workerLogs.list)
        .filteredOn(e -> e.getFormattedMessage().startsWith("job song-gen_trace:WritePrompt"))
        .hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(line -> assertThat(line.getMDCPropertyMap())
            .containsEntry("traceId", traceId)
            .containsEntry("generationId", "gen_trace")
            .containsEntry("workflowId", "song-gen_trace"));
  }

  private SpanData span(String name, SpanKind kind) {
    return spans.stream()
        .filter(s -> s.getName().equals(name) && s.getKind() == kind)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " span " + name + " in " + spans));
  }

  private final class Collecting implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
      spans.addAll(batch);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
