package dev.cadenza.workflows;

import dev.cadenza.workflows.lane.UserLaneWorkflowImpl;
import dev.cadenza.workflows.webhook.WebhookDeliveryWorkflowImpl;
import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays recorded histories of the user lane and the webhook delivery workflows against the
 * current code, as {@link MediaReplayTest} does for the generations: both are long-lived or
 * retried for an hour, so a non-deterministic change would break ones running in production.
 * Histories come from {@link LaneAndWebhookHistoryRecorder}.
 */
class LaneAndWebhookReplayTest {

  @ParameterizedTest
  @ValueSource(strings = {"histories/lane-queued-granted-idle.json"})
  void laneHistoriesReplay(String history) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(history, UserLaneWorkflowImpl.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "histories/webhook-delivered-third-attempt.json",
        "histories/webhook-refused-given-up.json"
      })
  void webhookHistoriesReplay(String history) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        history, WebhookDeliveryWorkflowImpl.class);
  }
}
