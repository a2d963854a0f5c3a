package dev.cadenza.fleet;

import dev.cadenza.gpuworker.GpuWorkerConfigBuilder;
import dev.cadenza.gpuworker.GpuWorkerServer;
import dev.cadenza.gpuworker.ModelMetrics;
import dev.cadenza.gpuworker.runner.ModelRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Real GPU workers on free localhost ports, and small waits for tests. */
final class Workers {

  private Workers() {}

  static GpuWorkerServer start(String id, GpuWorkerConfigBuilder config) {
    return new GpuWorkerServer(config.port(0).workerId(id).build()).start();
  }

  static GpuWorkerServer start(
      String id, GpuWorkerConfigBuilder config, List<ModelRunner> runners) {
    return new GpuWorkerServer(config.port(0).workerId(id).build(), runners).start();
  }

  static String address(GpuWorkerServer worker) {
    return "localhost:" + worker.getPort();
  }

  /** A port nothing listens on: connections are refused at once. */
  static String deadAddress() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "localhost:" + socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ModelMetrics metrics(GpuWorkerServer worker, String model) {
    return worker.metrics().model(model);
  }

  /** Waits for {@code condition}, failing the test after {@code timeout}. */
  static void await(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting until " + what);
      }
      Thread.sleep(20);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
