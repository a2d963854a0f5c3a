package dev.cadenza.storage;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Adobe S3Mock in a child JVM, from its executable jar on the test classpath. A separate process
 * because S3Mock is a whole Spring Boot web application: in our JVM its context, auto-configuration
 * and dependencies would mix with ours. Starts in a few seconds, needs no Docker.
 */
final class S3MockServer implements AutoCloseable {

  /** A resource only S3Mock's executable jar has; finding it finds the jar. */
  private static final String MARKER =
      "BOOT-INF/classes/com/adobe/testing/s3mock/S3MockApplication.class";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Process process;
  private final Path log;
  private final URI endpoint;
  private final Thread killOnExit;

  private S3MockServer(Process process, Path log, URI endpoint) {
    this.process = process;
    this.log = log;
    this.endpoint = endpoint;
    // Should the test JVM die without closing us, the server must not outlive it.
    this.killOnExit = new Thread(process::destroyForcibly);
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /** The jar, from the classpath or the {@code s3mock.jar} system property. */
  static Optional<Path> findJar() {
    String configured = System.getProperty("s3mock.jar");
    if (configured != null) {
      return Optional.of(Path.of(configured));
    }
    URL marker = S3MockServer.class.getClassLoader().getResource(MARKER);
    if (marker == null || !"jar".equals(marker.getProtocol())) {
      return Optional.empty();
    }
    String jarUrl = marker.getPath().substring(0, marker.getPath().indexOf("!/"));
    return Optional.of(Path.of(URI.create(jarUrl)));
  }

  static S3MockServer start(Path jar, Path storeRoot) throws IOException, InterruptedException {
    int port = freePort();
    Path log = Files.createTempFile("s3mock-", ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(List.of(
            java,
            "-Xmx256m",
            // Short-lived server: quick start-up matters more than peak speed.
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-jar",
            jar.toString(),
            "--com.adobe.testing.s3mock.httpPort=" + port,
            "--server.port=0",
            "--server.address=127.0.0.1",
            "--com.adobe.testing.s3mock.store.root=" + storeRoot,
            "--spring.main.banner-mode=off",
            "--logging.level.root=WARN"))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    S3MockServer server = new S3MockServer(process, log, URI.create("http://127.0.0.1:" + port));
    try {
      server.awaitReady();
      return server;
    } catch (IOException | InterruptedException | RuntimeException e) {
      server.close();
      throw e;
    }
  }

  URI endpoint() {
    return endpoint;
  }

  private void awaitReady() throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    try (HttpClient http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
      HttpRequest listBuckets = HttpRequest.newBuilder(endpoint.resolve("/")).build();
      while (Instant.now().isBefore(deadline)) {
        if (!process.isAlive()) {
          throw new IllegalStateException("S3Mock exited on start-up:\n" + Files.readString(log));
        }
        try {
          if (http.send(listBuckets, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            return;
          }
        } catch (IOException notListeningYet) {
          // Keep polling until the deadline.
        }
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException(
        "S3Mock did not start in " + START_TIMEOUT + ":\n" + Files.readString(log));
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    Runtime.getRuntime().removeShutdownHook(killOnExit);
    try {
      Files.deleteIfExists(log);
    } catch (IOException ignored) {
      // A leftover log in the temp directory is harmless.
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
