package dev.cadenza.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.cadenza.bench.CadenzaClient;
import dev.cadenza.bench.LedgerCheck;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A render's publication scheduled ~30 s ahead survives a SIGKILL of the one-command service
 * ({@code java -jar cadenza.jar} on the real Temporal dev server): started again on the same data
 * directory, the service delivers it once, not before its time, and the render stays charged
 * once.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ScheduledPublicationCrashIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CrashRun run;
  private HttpServer receiver;
  private final List<Instant> arrivals = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    if (receiver != null) {
      receiver.stop(0);
    }
    if (run != null) {
      run.close();
    }
  }

  @Test
  void aScheduledPublicationIsDeliveredOnceAtItsTimeAfterTheServiceWasKilled() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/hook", exchange -> {
      arrivals.add(Instant.now());
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    // The receiver is on loopback, which the service refuses unless told otherwise.
    run = CrashRun.start(
        "scheduled",
        Map.of("mode", "embedded"),
        Map.of("APP_OUTBOUND_ALLOWED_NETWORKS", "127.0.0.0/8"));
    CadenzaClient.User user =
        run.client.createUser(run.stack.adminKey(), "scheduled@example.com", 100, null);
    // Enough for the render to succeed first on a loaded machine; the restart takes longer.
    Instant at = Instant.now().plusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
    String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    CadenzaClient.Submitted submitted = run.client.submit(user.apiKey(), "render", input(url, at));
    assertThat(submitted.status()).as(submitted.errorCode()).isEqualTo(201);
    String id = submitted.id();

    JsonNode succeeded =
        awaitGeneration(user, id, g -> g.path("status").asText().equals("succeeded"));
    assertThat(publication(succeeded).path("status").asText()).isEqualTo("scheduled");
    assertThat(Instant.now()).as("killed before the publication's time").isBefore(at);

    run.killApi();
    assertThat(arrivals).as("nothing delivered before the kill").isEmpty();
    run.restartApi(Map.of());

    JsonNode delivered =
        awaitGeneration(user, id, g -> publication(g).path("status").asText().equals("delivered"));
    assertThat(delivered.path("status").asText()).isEqualTo("succeeded");
    Thread.sleep(3000); // a second delivery would come now, if any
    assertThat(arrivals).singleElement().satisfies(t -> assertThat(t).isAfterOrEqualTo(at));
    assertThat(run.spends(user.apiKey())).containsEntry(id, 1).hasSize(1);
    assertThat(run.client
            .getJson("v1/me", user.apiKey())
            .path("credits")
            .path("reserved")
            .asLong())
        .isZero();
    LedgerCheck.Result audit = new LedgerCheck(run.stack.database()).audit(List.of(id));
    assertThat(audit.violations()).isEmpty();
    assertThat(audit.clean()).isTrue();
  }

  private static Map<String, Object> input(String url, Instant at) throws IOException {
    return JSON.readValue(
        """
        {"timeline": {"width": 160, "height": 120, "fps": 12, "durationSeconds": 1,
          "tracks": [{"type": "video", "clips": [{"start": 0, "duration": 1, "color": "#204060"}]}]},
         "publishTo": [{"platform": "webhook", "url": "%s", "at": "%s"}]}""".formatted(url, at),
        JSON.getTypeFactory().constructMapType(Map.class, String.class, Object.class));
  }

  private static JsonNode publication(JsonNode generation) {
    return generation.path("output").path("publications").path(0);
  }

  private JsonNode awaitGeneration(
      CadenzaClient.User user, String id, java.util.function.Predicate<JsonNode> until) {
    JsonNode[] last = new JsonNode[1];
    await(id).atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(300)).until(() -> {
      last[0] = run.client.generation(user.apiKey(), id);
      return until.test(last[0]);
    });
    return last[0];
  }
}
