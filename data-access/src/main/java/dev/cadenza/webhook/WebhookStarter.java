package dev.cadenza.webhook;

import dev.cadenza.workflows.TaskQueues;
import dev.cadenza.workflows.webhook.WebhookDeliveryWorkflow;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts the delivery workflow of each new webhook message, in whichever process recorded the
 * event. A start that fails (Temporal unreachable, a crash after the commit) leaves the message
 * pending; {@link #startPending} (run by the reconciler) starts it later. Starting twice is
 * harmless: the workflow id is the message's.
 */
@Component
public class WebhookStarter {
  private static final Logger log = LoggerFactory.getLogger(WebhookStarter.class);

  private final WorkflowClient temporal;
  private final WebhookDeliveries deliveries;

  public WebhookStarter(WorkflowClient temporal, WebhookDeliveries deliveries) {
    this.temporal = temporal;
    this.deliveries = deliveries;
    deliveries.onCreated(this::start);
  }

  /** @return whether this call started it */
  public boolean start(String deliveryId) {
    WebhookDeliveryWorkflow workflow = temporal.newWorkflowStub(
        WebhookDeliveryWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(WebhookDeliveryWorkflow.idOf(deliveryId))
            .setTaskQueue(TaskQueues.GENERATIONS)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .build());
    try {
      WorkflowClient.start(workflow::deliver, deliveryId);
      return true;
    } catch (WorkflowExecutionAlreadyStarted already) {
      return false;
    } catch (RuntimeException e) {
      log.warn(
          "Could not start the delivery of webhook message {}; it stays pending", deliveryId, e);
      return false;
    }
  }

  /** Starts the messages left pending since before {@code cutoff}; how many were started. */
  public int startPending(Instant cutoff) {
    List<String> pending = deliveries.pendingBefore(cutoff, 500);
    int started = 0;
    for (String id : pending) {
      if (start(id)) {
        started++;
      }
    }
    if (started > 0) {
      log.warn("Started the delivery of {} webhook message(s) left pending", started);
    }
    return started;
  }
}
