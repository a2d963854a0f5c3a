package dev.cadenza.fleet;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;

/**
 * Carries the caller's trace to the GPU workers: each call gets a client span (a child of what is
 * current on the calling thread, the activity's span) and sends it as W3C {@code traceparent},
 * with the current baggage ({@code generationId}, {@code workflowId}) as W3C {@code baggage}. The
 * headers are W3C whatever the tracer, so with a no-op tracer the activity's own trace still goes
 * out.
 */
final class TraceContextClientInterceptor implements ClientInterceptor {
  private static final TextMapPropagator PROPAGATOR = TextMapPropagator.composite(
      W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance());
  private static final TextMapSetter<Metadata> HEADERS = (headers, key, value) ->
      headers.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value);

  private final Tracer tracer;

  TraceContextClientInterceptor(OpenTelemetry openTelemetry) {
    this.tracer = openTelemetry.getTracer("dev.cadenza.fleet");
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    // Captured here, on the caller's thread: start() may run later on another one.
    Context parent = Context.current();
    String service = method.getServiceName();
    Span span = tracer
        .spanBuilder(method.getFullMethodName())
        .setParent(parent)
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute("rpc.system", "grpc")
        .setAttribute("rpc.service", service == null ? "" : service)
        .setAttribute("rpc.method", method.getBareMethodName())
        .startSpan();
    Context context = parent.with(span);
    return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        PROPAGATOR.inject(context, headers, HEADERS);
        super.start(
            new SimpleForwardingClientCallListener<>(listener) {
              @Override
              public void onClose(Status status, Metadata trailers) {
                span.setAttribute("rpc.grpc.status_code", status.getCode().value());
                if (!status.isOk()) {
                  span.setStatus(StatusCode.ERROR, status.getCode().name());
                }
                span.end();
                super.onClose(status, trailers);
              }
            },
            headers);
      }
    };
  }
}
