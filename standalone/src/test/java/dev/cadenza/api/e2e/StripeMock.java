package dev.cadenza.api.e2e;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Stripe's own mock server (stripe-mock, the Go module {@code github.com/stripe/stripe-mock}),
 * started once per JVM on free loopback ports and stopped when the JVM exits. The shared
 * end-to-end context points the service's Stripe client at it ({@link EmbeddedStackTest}).
 * stripe-mock answers with fixtures from Stripe's OpenAPI document and validates requests against
 * it; it keeps no state and sends no webhooks, so tests deliver those themselves, signed.
 */
final class StripeMock {
  /** The API key the service uses against stripe-mock (it takes any {@code sk_test_} key of letters and digits). */
  static final String SECRET_KEY = "sk_test_Cadenza0e2e0123456789";

  /** The webhook signing secret of the shared context. */
  static final String WEBHOOK_SECRET = "whsec_cadenza_e2e_0123456789abcdef";

  private static final String WHY_MISSING = "stripe-mock is not installed (go install"
      + " github.com/stripe/stripe-mock@v0.203.0, then put $(go env GOPATH)/bin on PATH)";

  private static Optional<String> apiBase;

  /** stripe-mock's HTTP base URL, starting it on first use; empty when it is not installed. */
  static synchronized Optional<String> apiBase() {
    if (apiBase == null) {
      apiBase = binary().map(StripeMock::start);
    }
    return apiBase;
  }

  /** For tests that need it: fails in CI ({@code CI=true}) when it is missing, else skips. */
  static String require() {
    Optional<String> base = apiBase();
    if (base.isEmpty()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(WHY_MISSING);
      }
      assumeTrue(false, WHY_MISSING);
    }
    return base.get();
  }

  /** On {@code PATH}, else where {@code go install} puts it by default. */
  private static Optional<Path> binary() {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    return Stream.concat(
            Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "stripe-mock")),
            Stream.of(Path.of(System.getProperty("user.home"), "go", "bin", "stripe-mock")))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private static String start(Path binary) {
    int httpPort = freePort();
    int httpsPort = freePort();
    try {
      Process process = new ProcessBuilder(
              binary.toString(),
              "-http-addr",
              "127.0.0.1:" + httpPort,
              "-https-addr",
              "127.0.0.1:" + httpsPort)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
      String base = "http://127.0.0.1:" + httpPort;
      awaitReady(base, process);
      return base;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + binary + ": " + e, e);
    }
  }

  private static void awaitReady(String base, Process process) {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest probe = HttpRequest.newBuilder(URI.create(base + "/v1/charges"))
        .header("Authorization", "Bearer " + SECRET_KEY)
        .timeout(Duration.ofSeconds(2))
        .build();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("stripe-mock exited with " + process.exitValue());
      }
      try {
        if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    process.destroy();
    throw new IllegalStateException("stripe-mock did not answer at " + base + " within 30 s");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private StripeMock() {}
}
