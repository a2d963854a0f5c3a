package dev.cadenza.gpuworker;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.cadenza.proto.gpu.v1.GpuWorkerGrpc;
import dev.cadenza.proto.gpu.v1.JobEvent;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The caller's W3C trace continues into the job: the worker's span for the call is a child of
 * the caller's span, and the job's log lines (written on slot threads) carry the caller's trace
 * id and the generation named in the baggage.
 */
class TracingTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CALLER_SPAN_ID = "00f067aa0ba902b7";

  private final List<SpanData> spans = new CopyOnWriteArrayList<>();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger poolLogger = (Logger) LoggerFactory.getLogger(ModelPool.class);
  private OpenTelemetrySdk telemetry;
  private GpuWorkerServer server;
  private ManagedChannel channel;

  @BeforeEach
  void start() {
    logs.start();
    poolLogger.addAppender(logs);
    telemetry = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(new Collecting()))
            .build())
        .build();
    server = new GpuWorkerServer(
            GpuWorkerConfig.builder().port(0).workerId("traced").build(),
            GpuWorkerServer.builtInRunners(),
            telemetry)
        .start();
    channel = Grpc.newChannelBuilder(
            "localhost:" + server.getPort(), InsecureChannelCredentials.create())
        .build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    poolLogger.detachAppender(logs);
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.stop();
    telemetry.close();
  }

  @Test
  void jobLogLinesAndSpanContinueTheCallersTrace() {
    Metadata headers = new Metadata();
    headers.put(key("traceparent"), "00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-01");
    headers.put(key("baggage"), "generationId=gen_abc,workflowId=song-gen_abc");

    List<JobEvent> events = new ArrayList<>();
    GpuWorkerGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .withDeadlineAfter(30, TimeUnit.SECONDS)
        .submitJob(Jobs.request(
            "song-gen_abc:WritePrompt", "text", "task", "prompt", "description", "rain"))
        .forEachRemaining(events::add);

    assertThat(Jobs.last(events).hasCompleted()).isTrue();
    List<ILoggingEvent> jobLines = logs.list.stream()
        .filter(e -> e.getFormattedMessage().startsWith("job song-gen_abc:WritePrompt"))
        .toList();
    assertThat(jobLines)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anyMatch(m -> m.contains(" started,"))
        .anyMatch(m -> m.contains(" finished,"));
    assertThat(jobLines)
        .allSatisfy(line -> assertThat(line.getMDCPropertyMap())
            .containsEntry("traceId", TRACE_ID)
            .containsEntry("generationId", "gen_abc")
            .containsEntry("workflowId", "song-gen_abc")
            .containsEntry("jobId", "song-gen_abc:WritePrompt")
            .containsKey("spanId"));
    SpanData call = awaitSpan();
    assertThat(call.getName()).isEqualTo("cadenza.gpu.v1.GpuWorker/SubmitJob");
    assertThat(call.getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(call.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(call.getParentSpanId()).isEqualTo(CALLER_SPAN_ID);
    assertThat(jobLines.get(0).getMDCPropertyMap()).containsEntry("spanId", call.getSpanId());
  }

  @Test
  void callsWithoutTraceContextStartTheirOwnTrace() {
    List<JobEvent> events = new ArrayList<>();
    GpuWorkerGrpc.newBlockingStub(channel)
        .withDeadlineAfter(30, TimeUnit.SECONDS)
        .submitJob(Jobs.request("untraced", "text", "task", "title", "description", "rain"))
        .forEachRemaining(events::add);

    assertThat(Jobs.last(events).hasCompleted()).isTrue();
    SpanData call = awaitSpan();
    assertThat(call.getParentSpanContext().isValid()).isFalse();
    assertThat(logs.list)
        .filteredOn(e -> e.getFormattedMessage().startsWith("job untraced"))
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line.getMDCPropertyMap())
            .containsEntry("traceId", call.getTraceId())
            .doesNotContainKey("generationId"));
  }

  private SpanData awaitSpan() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (spans.isEmpty() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
    assertThat(spans).hasSize(1);
    return spans.get(0);
  }

  private static Metadata.Key<String> key(String name) {
    return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
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
