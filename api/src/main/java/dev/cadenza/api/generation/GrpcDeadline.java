package dev.cadenza.api.generation;

import io.grpc.Context;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs Temporal client calls under one gRPC deadline: every RPC a call makes (the SDK's own long
 * polls and retries included) ends by then, where the SDK's per-call timeouts would each start
 * anew.
 */
final class GrpcDeadline {
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().name("grpc-deadlines").daemon().factory());

  private GrpcDeadline() {}

  static <T> T within(Duration bound, Callable<T> call) throws Exception {
    Context.CancellableContext bounded =
        Context.current().withDeadlineAfter(bound.toMillis(), TimeUnit.MILLISECONDS, TIMER);
    try {
      return bounded.call(call);
    } finally {
      bounded.cancel(null);
    }
  }
}
