package dev.cadenza.gpuworker.tracing;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Puts a trace context's ids into the logging context (MDC) for a block of code, and restores
 * what was there before when closed, so that nested blocks (a job started while another job's
 * slot is released) each log with their own ids. Keys match the API's: {@code traceId}, {@code
 * spanId}, and from the caller's baggage {@code generationId} and {@code workflowId}; plus
 * {@code jobId}.
 */
public final class TraceLogContext implements AutoCloseable {
  public static final String TRACE_ID = "traceId";
  public static final String SPAN_ID = "spanId";
  public static final String GENERATION_ID = "generationId";
  public static final String WORKFLOW_ID = "workflowId";
  public static final String JOB_ID = "jobId";

  /** Baggage entries the caller may set that become log fields; nothing else is copied. */
  private static final List<String> FROM_BAGGAGE = List.of(GENERATION_ID, WORKFLOW_ID);

  private static final List<String> KEYS =
      List.of(TRACE_ID, SPAN_ID, GENERATION_ID, WORKFLOW_ID, JOB_ID);

  private final Map<String, String> previous = new HashMap<>();

  private TraceLogContext(Map<String, String> entries) {
    for (String key : KEYS) {
      previous.put(key, MDC.get(key));
      String value = entries.get(key);
      if (value == null) {
        MDC.remove(key);
      } else {
        MDC.put(key, value);
      }
    }
  }

  /**
   * @param jobId the job the block works on, or null
   */
  public static TraceLogContext enter(Context context, String jobId) {
    Map<String, String> entries = new HashMap<>();
    SpanContext span = Span.fromContext(context).getSpanContext();
    if (span.isValid()) {
      entries.put(TRACE_ID, span.getTraceId());
      entries.put(SPAN_ID, span.getSpanId());
    }
    Baggage baggage = Baggage.fromContext(context);
    for (String key : FROM_BAGGAGE) {
      String value = baggage.getEntryValue(key);
      if (value != null && !value.isBlank()) {
        entries.put(key, value);
      }
    }
    if (jobId != null) {
      entries.put(JOB_ID, jobId);
    }
    return new TraceLogContext(entries);
  }

  @Override
  public void close() {
    previous.forEach((key, value) -> {
      if (value == null) {
        MDC.remove(key);
      } else {
        MDC.put(key, value);
      }
    });
  }
}
