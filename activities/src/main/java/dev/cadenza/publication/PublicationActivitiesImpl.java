package dev.cadenza.publication;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cadenza.net.GuardedHttp;
import dev.cadenza.net.OutboundAddressPolicy;
import dev.cadenza.net.OutboundProperties;
import dev.cadenza.net.RefusedAddressException;
import dev.cadenza.net.StandardWebhookSignature;
import dev.cadenza.storage.ObjectStorage;
import dev.cadenza.workflows.publication.PublicationActivities;
import dev.cadenza.workflows.publication.PublicationRequest;
import dev.cadenza.workflows.render.Publication;
import dev.cadenza.workflows.render.PublishTarget;
import dev.cadenza.workflows.storage.StoredAsset;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Publishes a finished render to a {@code webhook} target: a POST of JSON naming the generation
 * with download links (valid {@value #LINK_HOURS} hours) of the video and its thumbnail, signed
 * per Standard Webhooks with the user's secret. The {@code webhook-id} is the same on every
 * attempt of a delivery, so the receiver can drop repeats. Target addresses pass the outbound
 * policy (public addresses only unless configured), checked again at connection time;
 * redirects are not followed.
 */
@Component("publicationActivities")
public class PublicationActivitiesImpl implements PublicationActivities, DisposableBean {
  static final int LINK_HOURS = 24;
  static final String RETRYABLE_TYPE = "DeliveryFailed";
  static final String REFUSED_TYPE = "DeliveryRefused";
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final ObjectStorage storage;
  private final WebhookSecrets secrets;
  private final ObjectMapper json;
  private final OutboundAddressPolicy policy;
  private final CloseableHttpClient http;
  private final Clock clock;

  public PublicationActivitiesImpl(
      ObjectStorage storage,
      WebhookSecrets secrets,
      ObjectMapper json,
      OutboundProperties outbound,
      Optional<Clock> clock) {
    this.storage = storage;
    this.secrets = secrets;
    this.json = json;
    this.policy = outbound.policy();
    this.http = GuardedHttp.client(policy, TIMEOUT, TIMEOUT);
    this.clock = clock.orElse(Clock.systemUTC());
  }

  @Override
  public Publication publishToTarget(PublicationRequest request) {
    PublishTarget target = request.target();
    if (!"webhook".equals(target.platform())) {
      throw refused("Platform " + target.platform() + " is not supported.");
    }
    URI url = url(target.url());
    String id = "pub_" + request.generationId() + "_" + request.index();
    String body = body(request);
    long timestamp = clock.instant().getEpochSecond();
    HttpPost post = new HttpPost(url);
    post.setHeader("webhook-id", id);
    post.setHeader("webhook-timestamp", Long.toString(timestamp));
    post.setHeader(
        "webhook-signature",
        StandardWebhookSignature.sign(secrets.of(request.userId()), id, timestamp, body));
    post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
    try (ClassicHttpResponse response = http.executeOpen(null, post, null)) {
      int status = response.getCode();
      EntityUtils.consume(response.getEntity());
      if (status >= 200 && status < 300) {
        return Publication.delivered(target, status);
      }
      String answer = "The target answered HTTP " + status + ".";
      if (status == 408 || status == 429 || status >= 500) {
        throw ApplicationFailure.newFailure(answer, RETRYABLE_TYPE);
      }
      throw refused(answer);
    } catch (RefusedAddressException e) {
      throw refused("The target is not allowed: " + e.getMessage() + ".");
    } catch (UnknownHostException e) {
      throw ApplicationFailure.newFailure(
          "The target's host " + url.getHost() + " is unknown.", RETRYABLE_TYPE);
    } catch (IOException e) {
      throw ApplicationFailure.newFailure(
          "The target could not be reached (" + e.getClass().getSimpleName() + ").",
          RETRYABLE_TYPE);
    }
  }

  @Override
  public void destroy() {
    try {
      http.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private URI url(String target) {
    try {
      URI url = new URI(target);
      policy.check(url);
      return url;
    } catch (URISyntaxException e) {
      throw refused("The target URL is malformed.");
    } catch (RefusedAddressException e) {
      throw refused("The target is not allowed: " + e.getMessage() + ".");
    } catch (UnknownHostException e) {
      throw ApplicationFailure.newFailure(
          "The target's host is unknown: " + e.getMessage(), RETRYABLE_TYPE);
    }
  }

  private String body(PublicationRequest request) {
    ObjectNode body = json.createObjectNode();
    body.put("type", "render.published");
    body.put("generationId", request.generationId());
    body.set("video", asset(request.video()));
    body.set("thumbnail", asset(request.thumbnail()));
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private ObjectNode asset(StoredAsset asset) {
    ObjectNode node = json.createObjectNode();
    node.put(
        "url",
        storage.signedUrl(asset.storageKey(), Duration.ofHours(LINK_HOURS)).toString());
    node.put("contentType", asset.contentType());
    node.put("sizeBytes", asset.sizeBytes());
    node.put("sha256", asset.sha256());
    asset.metadata().forEach(node::put);
    return node;
  }

  private static ApplicationFailure refused(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, REFUSED_TYPE);
  }
}
