package dev.cadenza.fleet;

import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.api.OpenTelemetry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** One plaintext channel per worker address, opened on first use and kept until closed. */
final class WorkerChannels implements AutoCloseable {

  private final Supplier<List<String>> addresses;
  private final ClientInterceptor tracing;
  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
  private volatile boolean closed;

  WorkerChannels(Supplier<List<String>> addresses, OpenTelemetry openTelemetry) {
    this.addresses = addresses;
    this.tracing = new TraceContextClientInterceptor(openTelemetry);
  }

  /** The current addresses, read anew each time: the embedded worker's may arrive late. */
  List<String> addresses() {
    List<String> current = addresses.get();
    return current == null
        ? List.of()
        : current.stream()
            .map(String::strip)
            .filter(a -> !a.isEmpty())
            .distinct()
            .toList();
  }

  ManagedChannel channel(String address) {
    if (closed) {
      throw new IllegalStateException("GPU fleet is closed");
    }
    return channels.computeIfAbsent(address, this::open);
  }

  private ManagedChannel open(String address) {
    return NettyChannelBuilder.forTarget(address)
        .usePlaintext()
        .intercept(tracing)
        // A job stream can stay open for many minutes: pings notice a worker whose host vanished
        // without closing the connection (the server permits pings every 10 s and more).
        .keepAliveTime(30, TimeUnit.SECONDS)
        .keepAliveTimeout(10, TimeUnit.SECONDS)
        .build();
  }

  @Override
  public void close() {
    closed = true;
    channels.values().forEach(ManagedChannel::shutdownNow);
    for (ManagedChannel channel : channels.values()) {
      try {
        channel.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
