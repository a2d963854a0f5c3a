package dev.cadenza.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cadenza.net.OutboundAddressPolicy;
import dev.cadenza.testsupport.LocalHttpServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The guarded download against a real local HTTP server, which the policy allows by
 * configuration ({@code 127.0.0.1/32}); everything else internal stays refused.
 */
class GuardedFetcherTest {
  private static final Set<String> PNG = Set.of("image/png");
  private static final byte[] PICTURE = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};

  private final LocalHttpServer server = new LocalHttpServer();
  private final GuardedFetcher fetcher = fetcher(List.of("127.0.0.1/32"), Duration.ofSeconds(5));

  @AfterEach
  void stop() {
    fetcher.close();
    server.close();
  }

  @Test
  void fetchesTheFileWithItsTypeSizeAndChecksum() throws Exception {
    server.serve("/a.png", 200, "image/png; charset=binary", PICTURE);

    GuardedFetcher.Fetched fetched = fetcher.fetch(server.url("/a.png"), PNG, 1000);

    assertThat(Files.readAllBytes(fetched.file())).isEqualTo(PICTURE);
    assertThat(fetched.contentType()).isEqualTo("image/png");
    assertThat(fetched.sizeBytes()).isEqualTo(PICTURE.length);
    assertThat(fetched.sha256())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(PICTURE)));
    Files.delete(fetched.file());
  }

  @Test
  void loopbackIsRefusedUnlessConfiguredAndNothingIsRequested() {
    server.serve("/a.png", 200, "image/png", PICTURE);
    try (GuardedFetcher strict = fetcher(List.of(), Duration.ofSeconds(5))) {
      assertRefused(strict, server.url("/a.png"), "not a public address");
      assertRefused(strict, server.url("/a.png").replace("127.0.0.1", "localhost"), "not a public");
    }
    assertThat(server.received).isEmpty();
  }

  @Test
  void privateLinkLocalAndOtherSchemesAreRefused() {
    assertRefused(fetcher, "http://10.0.0.1/a.png", "not a public address");
    assertRefused(fetcher, "http://169.254.169.254/latest/meta-data", "not a public address");
    assertRefused(fetcher, "http://[::1]:80/a.png", "not a public address");
    assertRefused(fetcher, "http://127.0.0.2/a.png", "not a public address");
    assertRefused(fetcher, "file:///etc/passwd", "only http and https");
    assertRefused(fetcher, "ftp://example.com/a.png", "only http and https");
    assertRefused(fetcher, "http://user:secret@127.0.0.1/a.png", "user info");
  }

  @Test
  void redirectsAreFollowedAndEveryHopIsCheckedAgain() throws Exception {
    server.on("/hop", exchange -> {
      exchange.getResponseHeaders().set("Location", "/a.png");
      LocalHttpServer.respond(exchange, 302, null, new byte[0]);
    });
    server.serve("/a.png", 200, "image/png", PICTURE);
    server.on("/to-metadata", exchange -> {
      exchange.getResponseHeaders().set("Location", "http://169.254.169.254/latest/meta-data");
      LocalHttpServer.respond(exchange, 301, null, new byte[0]);
    });
    server.on("/to-other-loopback", exchange -> {
      exchange.getResponseHeaders().set("Location", "http://127.0.0.2:1/a.png");
      LocalHttpServer.respond(exchange, 307, null, new byte[0]);
    });
    server.on("/loop", exchange -> {
      exchange.getResponseHeaders().set("Location", "/loop");
      LocalHttpServer.respond(exchange, 302, null, new byte[0]);
    });

    GuardedFetcher.Fetched fetched = fetcher.fetch(server.url("/hop"), PNG, 1000);
    assertThat(fetched.sizeBytes()).isEqualTo(PICTURE.length);
    Files.delete(fetched.file());
    assertRefused(fetcher, server.url("/to-metadata"), "169.254.169.254");
    assertRefused(fetcher, server.url("/to-other-loopback"), "127.0.0.2");
    assertRefused(fetcher, server.url("/loop"), "redirects more than 3 times");
  }

  @Test
  void theWrongTypeOrTooManyBytesAreRefused() {
    server.serve("/page", 200, "text/html", "<html>".getBytes());
    server.serve("/untyped", 200, null, PICTURE);
    server.serve("/big", 200, "image/png", new byte[5000]);
    server.on("/big-unannounced", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "image/png");
      exchange.sendResponseHeaders(200, 0); // chunked: no length announced
      for (int i = 0; i < 10; i++) {
        exchange.getResponseBody().write(new byte[1000]);
      }
      exchange.close();
    });

    assertRefused(fetcher, server.url("/page"), "serves text/html, not image/png");
    assertRefused(fetcher, server.url("/untyped"), "no content type");
    assertRefused(fetcher, server.url("/big"), "larger than 1000 bytes");
    assertRefused(fetcher, server.url("/big-unannounced"), "larger than 1000 bytes");
  }

  @Test
  void clientErrorsAreFinalServerErrorsAndTimeoutsAreWorthARetry() throws Exception {
    server.serve("/missing", 404, "text/plain", "no".getBytes());
    server.serve("/down", 503, "text/plain", "later".getBytes());
    server.on("/slow", exchange -> {
      try {
        Thread.sleep(3000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      LocalHttpServer.respond(exchange, 200, "image/png", PICTURE);
    });

    assertFailure(fetcher, server.url("/missing"), "HTTP 404", false);
    assertFailure(fetcher, server.url("/down"), "HTTP 503", true);
    try (GuardedFetcher impatient = fetcher(List.of("127.0.0.1/32"), Duration.ofSeconds(1))) {
      assertFailure(impatient, server.url("/slow"), "did not answer within 1 second.", true);
    }
  }

  @Test
  void networkFaultsSayWhatHappenedInPlainWordsWorthARetry() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    assertFailure(
        fetcher, "http://127.0.0.1:" + closedPort + "/a.png", "refused the connection", true);
    assertFailure(fetcher, "http://nowhere.invalid/a.png", "host nowhere.invalid is unknown", true);
    assertThatThrownBy(() -> fetcher.fetch("http://127.0.0.1:" + closedPort + "/a.png", PNG, 1000))
        .hasMessageNotContaining("Exception");
  }

  private static GuardedFetcher fetcher(List<String> allowed, Duration timeout) {
    return new GuardedFetcher(
        new OutboundAddressPolicy(allowed), Duration.ofSeconds(2), timeout, 3);
  }

  private static void assertRefused(GuardedFetcher fetcher, String url, String reason) {
    assertFailure(fetcher, url, reason, false);
  }

  private static void assertFailure(
      GuardedFetcher fetcher, String url, String reason, boolean retryable) {
    assertThatThrownBy(() -> fetcher.fetch(url, PNG, 1000))
        .as(url)
        .isInstanceOfSatisfying(FetchException.class, e -> {
          assertThat(e.getMessage()).contains(reason);
          assertThat(e.retryable()).isEqualTo(retryable);
        });
  }
}
