package dev.cadenza.workflows.lane;

import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * A generation workflow's side of its user's lane: {@link #enter} waits for a slot (while the
 * generation shows {@code queued}), {@link #leave} gives it back. The workflow forwards its
 * {@code laneGranted} signal to {@link #granted}.
 */
public final class UserLane {
  /** Version of the lane step, so histories from before it replay unchanged. */
  static final String CHANGE_ID = "user-lane";

  /**
   * While waiting, the ticket is sent again this often: a lane terminated by an operator is
   * started again with the waiting generation in it. Joins are idempotent.
   */
  static final Duration REJOIN_EVERY = Duration.ofMinutes(5);

  /** The wait for a slot, as the Temporal UI's timeline and event history name it. */
  static final TimerOptions WAIT_FOR_SLOT = TimerOptions.newBuilder()
      .setSummary("wait for a slot in the user's lane (signal laneGranted; joins again after "
          + REJOIN_EVERY.toMinutes() + " min)")
      .build();

  private final LaneActivities lanes = Workflow.newLocalActivityStub(
      LaneActivities.class,
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          // Without a schedule-to-close timeout (or maximum attempts) the SDK does not retry a
          // local activity at all. A join that keeps failing this long fails the generation,
          // which releases its hold.
          .setScheduleToCloseTimeout(Duration.ofMinutes(10))
          .setRetryOptions(RetryOptions.newBuilder()
              .setInitialInterval(Duration.ofMillis(200))
              .setMaximumInterval(Duration.ofSeconds(10))
              .build())
          .build());

  private boolean granted;
  private boolean joined;
  private String userId;
  private String generationId;

  public void granted() {
    granted = true;
  }

  /**
   * Joins the lane and waits for a slot. Joining runs detached from cancellation, so a cancel
   * never leaves a ticket in the lane that {@link #leave} did not see; the wait itself is
   * cancellable.
   */
  public void enter(String userId, String generationId, int limit) {
    if (Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      return; // started before lanes existed
    }
    this.userId = userId;
    this.generationId = generationId;
    LaneTicket ticket = new LaneTicket(
        generationId,
        Workflow.getInfo().getWorkflowId(),
        Workflow.getInfo().getRunStartedTimestampMillis(),
        Math.max(1, limit));
    while (!granted) {
      Workflow.newDetachedCancellationScope(() -> lanes.joinLane(userId, ticket))
          .run();
      joined = true;
      // Workflow.await(REJOIN_EVERY, ...) makes the same timer, but unnamed: the Temporal UI would
      // show its id where the wait for a slot should be. Same commands, so histories replay.
      Promise<Void> rejoin = Workflow.newTimer(REJOIN_EVERY, WAIT_FOR_SLOT);
      Workflow.await(() -> granted || rejoin.isCompleted());
    }
  }

  /** Frees the slot (or the place in the queue). Safe to call more than once, or never joined. */
  public void leave() {
    if (!joined) {
      return;
    }
    joined = false;
    Workflow.newDetachedCancellationScope(() -> {
          try {
            Workflow.newExternalWorkflowStub(UserLaneWorkflow.class, UserLaneWorkflow.idOf(userId))
                .leave(generationId);
          } catch (SignalExternalWorkflowException laneGone) {
            // No lane is running for this user, so nothing holds the slot.
          }
        })
        .run();
  }
}
