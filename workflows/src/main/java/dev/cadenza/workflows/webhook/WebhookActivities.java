package dev.cadenza.workflows.webhook;

import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface WebhookActivities {

  /** Failure type of a target that may not be called (a private address): never retried. */
  String REFUSED = "WebhookTargetRefused";

  /**
   * One signed POST of the delivery. Returns on a 2xx (or when it was delivered before); any
   * other answer or a network error fails the attempt, to be retried.
   */
  void post(String deliveryId);

  /** Records that the delivery was given up after its last attempt. */
  void giveUp(String deliveryId, String reason);
}
