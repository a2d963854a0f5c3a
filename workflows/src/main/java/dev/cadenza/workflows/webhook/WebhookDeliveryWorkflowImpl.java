package dev.cadenza.workflows.webhook;

import dev.cadenza.workflows.generation.ActivityKinds;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class WebhookDeliveryWorkflowImpl implements WebhookDeliveryWorkflow {

  /**
   * 1 s, 2 s, 4 s ... at most 10 min apart, 12 attempts: a receiver may be down for about an
   * hour before the message is given up.
   */
  static final RetryOptions BACKOFF = RetryOptions.newBuilder()
      .setInitialInterval(Duration.ofSeconds(1))
      .setBackoffCoefficient(2)
      .setMaximumInterval(Duration.ofMinutes(10))
      .setMaximumAttempts(12)
      .setDoNotRetry(WebhookActivities.REFUSED)
      .build();

  private final WebhookActivities webhooks = Workflow.newActivityStub(
      WebhookActivities.class,
      // A delivery (its task queue included), retried for longer than a render's publication.
      ActivityOptions.newBuilder(ActivityKinds.DELIVERY)
          // The POST itself times out after 10 s; the rest is reading the outbox.
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(BACKOFF)
          .build());

  @Override
  public void deliver(String deliveryId) {
    try {
      webhooks.post(deliveryId);
    } catch (ActivityFailure failure) {
      String reason = failure.getCause() != null ? failure.getCause().getMessage() : "failed";
      webhooks.giveUp(deliveryId, reason);
    }
  }
}
