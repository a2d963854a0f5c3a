package dev.cadenza.workflows.webhook;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Delivers one webhook message (a row of the webhook outbox) until the receiver answers 2xx,
 * with exponential backoff and a bounded number of attempts; then gives up and records it.
 * Workflow id: {@code webhook-<deliveryId>}, so a delivery is started at most once.
 */
@WorkflowInterface
public interface WebhookDeliveryWorkflow {

  String ID_PREFIX = "webhook-";

  static String idOf(String deliveryId) {
    return ID_PREFIX + deliveryId;
  }

  @WorkflowMethod
  void deliver(String deliveryId);
}
