package dev.cadenza.workflows.publication;

import dev.cadenza.workflows.render.Publication;
import io.temporal.activity.ActivityInterface;

/**
 * Publishes finished media to other platforms. Each target is its own activity, retried with
 * backoff; a target that still fails is reported, it never fails the generation.
 */
@ActivityInterface
public interface PublicationActivities {

  /**
   * Sends the render to the target. For {@code webhook}: a POST of JSON with download URLs,
   * signed per Standard Webhooks with the user's secret ({@code webhook-id} is stable across
   * retries). Fails retryably on network faults, 408, 429 and 5xx; non-retryably with {@code
   * InvalidInput} when the target's address is refused or it answers another 4xx.
   */
  Publication publishToTarget(PublicationRequest request);
}
