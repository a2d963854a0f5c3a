package dev.cadenza.workflows.webhook;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.*;

import dev.cadenza.workflows.QueueWorkers;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Delivery retries with backoff until a 2xx, a bounded number of times, then gives up once. */
class WebhookDeliveryWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension temporal = TestWorkflowExtension.newBuilder()
      .setWorkflowTypes(WebhookDeliveryWorkflowImpl.class)
      .setDoNotStart(true)
      .build();

  private final WebhookActivities webhooks =
      mock(WebhookActivities.class, withSettings().withoutAnnotations());

  @Test
  void failingTwiceThenSucceedingPostsThreeTimesAndNeverGivesUp(
      TestWorkflowEnvironment env, Worker worker) {
    AtomicInteger calls = new AtomicInteger();
    doAnswer(inv -> {
          if (calls.incrementAndGet() <= 2) {
            throw ApplicationFailure.newFailure("answered 500", "WebhookRejected");
          }
          return null;
        })
        .when(webhooks)
        .post("msg_1");

    run(env, worker, "msg_1");

    verify(webhooks, times(3)).post("msg_1");
    verify(webhooks, never()).giveUp(anyString(), anyString());
  }

  @Test
  void aReceiverThatNeverAnswers2xxIsGivenUpAfterTheLastAttempt(
      TestWorkflowEnvironment env, Worker worker) {
    doThrow(ApplicationFailure.newFailure("answered 503", "WebhookRejected"))
        .when(webhooks)
        .post("msg_2");

    run(env, worker, "msg_2");

    verify(webhooks, times(WebhookDeliveryWorkflowImpl.BACKOFF.getMaximumAttempts()))
        .post("msg_2");
    verify(webhooks, times(1)).giveUp(eq("msg_2"), anyString());
  }

  @Test
  void aRefusedTargetIsNotRetried(TestWorkflowEnvironment env, Worker worker) {
    doThrow(ApplicationFailure.newNonRetryableFailure("private", WebhookActivities.REFUSED))
        .when(webhooks)
        .post("msg_3");

    run(env, worker, "msg_3");

    verify(webhooks, times(1)).post("msg_3");
    verify(webhooks, times(1)).giveUp(eq("msg_3"), anyString());
  }

  private void run(TestWorkflowEnvironment env, Worker worker, String deliveryId) {
    QueueWorkers.register(env, worker, webhooks);
    env.start();
    env.getWorkflowClient()
        .newWorkflowStub(
            WebhookDeliveryWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WebhookDeliveryWorkflow.idOf(deliveryId))
                .setTaskQueue(worker.getTaskQueue())
                .build())
        .deliver(deliveryId);
  }
}
