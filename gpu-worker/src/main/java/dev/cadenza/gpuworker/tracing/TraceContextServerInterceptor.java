package dev.cadenza.gpuworker.tracing;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Continues the caller's trace on the worker: reads the W3C {@code traceparent} and {@code
 * baggage} headers of each call, opens a server span for it (ended when the call closes or is
 * cancelled) and makes that context current, with its ids in the log context, while the service
 * handles the call. Jobs remember the context they were created in (see {@code Job}), so their
 * log lines, on other threads, carry the same trace id.
 *
 * <p>The wire format is W3C whatever the tracer: with a no-op {@link OpenTelemetry} the caller's
 * trace id still reaches the log lines, only no spans of the worker's own are recorded.
 */
public final class TraceContextServerInterceptor implements ServerInterceptor {
  /** What the fleet client sends: trace context and the generation's baggage. */
  public static final TextMapPropagator PROPAGATOR = TextMapPropagator.composite(
      W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance());

  private static final TextMapGetter<Metadata> HEADERS = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Metadata carrier) {
      return carrier.keys();
    }

    @Override
    public String get(Metadata carrier, String key) {
      return carrier == null
          ? null
          : carrier.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
    }
  };

  private final Tracer tracer;

  public TraceContextServerInterceptor(OpenTelemetry openTelemetry) {
    this.tracer = openTelemetry.getTracer("dev.cadenza.gpu-worker");
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    Context parent = PROPAGATOR.extract(Context.root(), headers, HEADERS);
    String service = call.getMethodDescriptor().getServiceName();
    Span span = tracer
        .spanBuilder(call.getMethodDescriptor().getFullMethodName())
        .setParent(parent)
        .setSpanKind(SpanKind.SERVER)
        .setAttribute("rpc.system", "grpc")
        .setAttribute("rpc.service", service == null ? "" : service)
        .setAttribute("rpc.method", call.getMethodDescriptor().getBareMethodName())
        .startSpan();
    Context context = parent.with(span);
    AtomicBoolean ended = new AtomicBoolean();
    ServerCall<Q, R> traced = new SimpleForwardingServerCall<>(call) {
      @Override
      public void close(Status status, Metadata trailers) {
        end(span, ended, status);
        super.close(status, trailers);
      }
    };
    ServerCall.Listener<Q> listener;
    try (Scope scope = context.makeCurrent();
        TraceLogContext logs = TraceLogContext.enter(context, null)) {
      listener = next.startCall(traced, headers);
    }
    return new SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onMessage(Q message) {
        try (Scope scope = context.makeCurrent();
            TraceLogContext logs = TraceLogContext.enter(context, null)) {
          super.onMessage(message);
        }
      }

      @Override
      public void onHalfClose() {
        try (Scope scope = context.makeCurrent();
            TraceLogContext logs = TraceLogContext.enter(context, null)) {
          super.onHalfClose();
        }
      }

      @Override
      public void onCancel() {
        // A caller that goes away does not close the call: the span ends here instead.
        end(span, ended, Status.CANCELLED);
        try (Scope scope = context.makeCurrent();
            TraceLogContext logs = TraceLogContext.enter(context, null)) {
          super.onCancel();
        }
      }
    };
  }

  private static void end(Span span, AtomicBoolean ended, Status status) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    span.setAttribute("rpc.grpc.status_code", status.getCode().value());
    if (!status.isOk()) {
      span.setStatus(StatusCode.ERROR, status.getCode().name());
    }
    span.end();
  }
}
