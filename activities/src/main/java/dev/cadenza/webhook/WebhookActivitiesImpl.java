package dev.cadenza.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cadenza.generation.GenerationStore;
import dev.cadenza.generation.GenerationView;
import dev.cadenza.net.OutboundAddressPolicy;
import dev.cadenza.net.OutboundProperties;
import dev.cadenza.net.RefusedAddressException;
import dev.cadenza.net.StandardWebhookSignature;
import dev.cadenza.publication.WebhookSecrets;
import dev.cadenza.workflows.webhook.WebhookActivities;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Posts a webhook message: the generation as the body, as it was when the message's event
 * happened (rendered at the first attempt, the same bytes on every attempt) with {@code event} and
 * {@code sequence}, signed per Standard Webhooks with the user's secret, with the event name in
 * {@code webhook-event} and the sequence number in {@code webhook-sequence}.
 */
@Component("webhookActivities")
public class WebhookActivitiesImpl implements WebhookActivities {
  private static final Logger log = LoggerFactory.getLogger(WebhookActivitiesImpl.class);
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final WebhookDeliveries deliveries;
  private final GenerationStore generations;
  private final GenerationView views;
  private final WebhookSecrets secrets;
  private final OutboundAddressPolicy targets;
  private final ObjectMapper json;
  private final Clock clock;
  // Redirects are not followed: a 3xx could point anywhere, past the address check.
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(TIMEOUT)
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();

  public WebhookActivitiesImpl(
      WebhookDeliveries deliveries,
      GenerationStore generations,
      GenerationView views,
      WebhookSecrets secrets,
      OutboundProperties outbound,
      ObjectMapper json) {
    this.deliveries = deliveries;
    this.generations = generations;
    this.views = views;
    this.secrets = secrets;
    // The rule of every request to a URL a user gives (the API checked it without DNS).
    this.targets = outbound.policy();
    this.json = json;
    this.clock = Clock.systemUTC();
  }

  @Override
  public void post(String deliveryId) {
    WebhookDelivery delivery = deliveries.find(deliveryId).orElse(null);
    if (delivery == null || !delivery.pending()) {
      return; // delivered (or given up) already: nothing to send again
    }
    String body =
        delivery.body() != null ? delivery.body() : deliveries.fixBody(deliveryId, write(delivery));
    String secret = secrets.of(delivery.userId());
    URI url = URI.create(delivery.url());
    try {
      targets.check(url);
    } catch (RefusedAddressException e) {
      deliveries.attempted(deliveryId, null, e.getMessage());
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), REFUSED);
    } catch (IOException e) {
      deliveries.attempted(deliveryId, null, e.toString());
      throw ApplicationFailure.newFailure("cannot resolve " + url.getHost(), "WebhookUnreachable");
    }
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .header("User-Agent", "Cadenza-Webhooks/1")
        .header("webhook-id", deliveryId)
        .header("webhook-timestamp", Long.toString(timestamp))
        .header(
            "webhook-signature", StandardWebhookSignature.sign(secret, deliveryId, timestamp, body))
        .header("webhook-event", delivery.event())
        .header("webhook-sequence", Long.toString(delivery.eventId()))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    int status;
    try {
      status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      deliveries.attempted(deliveryId, null, e.toString());
      throw ApplicationFailure.newFailure(
          "webhook " + url.getHost() + " unreachable: " + e, "WebhookUnreachable");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("interrupted", "WebhookUnreachable");
    }
    deliveries.attempted(deliveryId, status, null);
    if (status < 200 || status > 299) {
      throw ApplicationFailure.newFailure(
          "webhook " + url.getHost() + " answered " + status, "WebhookRejected");
    }
    deliveries.finish(deliveryId, "delivered");
  }

  @Override
  public void giveUp(String deliveryId, String reason) {
    if (deliveries.finish(deliveryId, "failed")) {
      log.warn("Webhook message {} given up: {}", deliveryId, reason);
    }
  }

  /**
   * The body: the generation as it was at the message's event (messages recorded before that was
   * kept: as it is now), the event's name, and its sequence number, so that a receiver can put
   * messages delivered out of order (one retried, another not) back in order.
   */
  private String write(WebhookDelivery delivery) {
    ObjectNode body = generations
        .asAnnouncedBy(delivery.id())
        .map(then -> views.asOf(then, delivery.eventId()))
        .orElseGet(() -> views.summary(generations.find(delivery.generationId()).orElseThrow()));
    body.put("event", delivery.event());
    body.put("sequence", delivery.eventId());
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
