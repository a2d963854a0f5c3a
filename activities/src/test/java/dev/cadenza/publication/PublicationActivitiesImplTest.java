package dev.cadenza.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cadenza.net.OutboundProperties;
import dev.cadenza.net.StandardWebhookSignature;
import dev.cadenza.storage.LocalObjectStorage;
import dev.cadenza.storage.UrlSigner;
import dev.cadenza.testsupport.LocalHttpServer;
import dev.cadenza.workflows.publication.PublicationRequest;
import dev.cadenza.workflows.render.Publication;
import dev.cadenza.workflows.render.PublishTarget;
import dev.cadenza.workflows.storage.StoredAsset;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing to a webhook target: a real local receiver, allowed by configuration. */
class PublicationActivitiesImplTest {
  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-05-01T10:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path root;

  private final LocalHttpServer receiver = new LocalHttpServer();
  private PublicationActivitiesImpl activities;

  private PublicationActivitiesImpl activities(List<String> allowed) {
    WebhookSecrets secrets = mock(WebhookSecrets.class);
    when(secrets.of("usr_1")).thenReturn(SECRET);
    LocalObjectStorage storage = new LocalObjectStorage(
        root,
        URI.create("http://localhost:8080"),
        new UrlSigner(new byte[32], Clock.systemUTC()),
        Clock.systemUTC());
    activities = new PublicationActivitiesImpl(
        storage, secrets, new ObjectMapper(), new OutboundProperties(allowed), Optional.of(CLOCK));
    return activities;
  }

  @AfterEach
  void stop() {
    if (activities != null) {
      activities.destroy();
    }
    receiver.close();
  }

  @Test
  void theRenderIsPostedWithLinksAndAStandardWebhooksSignature() throws Exception {
    receiver.serve("/hook", 204, null, new byte[0]);

    Publication published =
        activities(List.of("127.0.0.1/32")).publishToTarget(request(receiver.url("/hook")));

    assertThat(published.status()).isEqualTo(Publication.DELIVERED);
    assertThat(published.responseStatus()).isEqualTo(204);
    LocalHttpServer.Received post = receiver.received.get(0);
    String body = new String(post.body(), StandardCharsets.UTF_8);
    String id = post.headers().getFirst("webhook-id");
    String timestamp = post.headers().getFirst("webhook-timestamp");
    assertThat(id).isEqualTo("pub_gen_1_0");
    assertThat(timestamp).isEqualTo(Long.toString(CLOCK.instant().getEpochSecond()));
    assertThat(post.headers().getFirst("webhook-signature"))
        .isEqualTo(StandardWebhookSignature.sign(SECRET, id, Long.parseLong(timestamp), body));
    JsonNode json = new ObjectMapper().readTree(body);
    assertThat(json.path("generationId").asText()).isEqualTo("gen_1");
    assertThat(json.path("video").path("url").asText())
        .startsWith("http://localhost:8080/v1/files/generations/gen_1/video.mp4?");
    assertThat(json.path("video").path("fps").asText()).isEqualTo("24");
    assertThat(json.path("thumbnail").path("contentType").asText()).isEqualTo("image/png");
  }

  @Test
  void serverErrorsAreRetryableClientErrorsAndRefusedAddressesAreNot() {
    receiver.serve("/busy", 503, "text/plain", "later".getBytes());
    receiver.serve("/gone", 410, "text/plain", "gone".getBytes());
    PublicationActivitiesImpl allowed = activities(List.of("127.0.0.1/32"));

    assertFailure(() -> allowed.publishToTarget(request(receiver.url("/busy"))), "HTTP 503", false);
    assertFailure(() -> allowed.publishToTarget(request(receiver.url("/gone"))), "HTTP 410", true);
    activities.destroy();
    PublicationActivitiesImpl strict = activities(List.of());
    assertFailure(
        () -> strict.publishToTarget(request(receiver.url("/busy"))), "not a public address", true);
    assertThat(receiver.received).hasSize(2);
  }

  private static void assertFailure(Runnable call, String reason, boolean nonRetryable) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
      assertThat(failure.getOriginalMessage()).contains(reason);
      assertThat(failure.isNonRetryable()).isEqualTo(nonRetryable);
    });
  }

  private static PublicationRequest request(String url) {
    return new PublicationRequest(
        "gen_1",
        "usr_1",
        0,
        new PublishTarget("webhook", url),
        new StoredAsset(
            "video.mp4",
            "generations/gen_1/video.mp4",
            "video/mp4",
            1234,
            "ab",
            Map.of("fps", "24")),
        new StoredAsset(
            "thumbnail.png", "generations/gen_1/thumbnail.png", "image/png", 99, "cd", Map.of()));
  }
}
