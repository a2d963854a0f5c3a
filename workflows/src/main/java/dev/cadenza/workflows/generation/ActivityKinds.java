package dev.cadenza.workflows.generation;

import dev.cadenza.workflows.FailureTypes;
import dev.cadenza.workflows.TaskQueues;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Activity options per kind of work, declared once, each with its task queue ({@link
 * TaskQueues}): GPU steps, LLM steps, and everything else (bookkeeping, storage, fetches,
 * deliveries) on the I/O queue. Every kind waits for a cancelled activity to really stop ({@code
 * WAIT_CANCELLATION_COMPLETED}) so that compensation never races a step that is still writing
 * files or holding a GPU slot.
 *
 * <p>The task queue is not part of Temporal's determinism check (an activity's type and id are),
 * so histories recorded when every activity ran on the workflows' queue replay unchanged.
 */
public final class ActivityKinds {
  private static final String[] NON_RETRYABLE = {
    FailureTypes.INVALID_INPUT,
    FailureTypes.CONTENT_REFUSED,
    FailureTypes.INSUFFICIENT_CREDITS,
    FailureTypes.RESERVATION_NOT_HELD
  };

  /** Ledger and read-model writes: short, idempotent, retried until they succeed. */
  public static final ActivityOptions BOOKKEEPING = ActivityOptions.newBuilder()
      .setTaskQueue(TaskQueues.IO)
      .setStartToCloseTimeout(Duration.ofSeconds(10))
      .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofMillis(500))
          .setBackoffCoefficient(2)
          .setMaximumInterval(Duration.ofSeconds(30))
          .setDoNotRetry(NON_RETRYABLE)
          .build())
      .build();

  /**
   * The same writes run as local activities, on the happy path of every generation (hold, mark
   * running, capture, publish). Each is one short transaction; as an ordinary activity each also
   * cost a trip through the server (an activity task, then a workflow task for its result). A
   * local activity cannot be cancelled half-way in the Java SDK: a cancelled workflow waits for
   * it, as {@code WAIT_CANCELLATION_COMPLETED} does, so compensation still never races a hold.
   */
  public static final LocalActivityOptions LOCAL_BOOKKEEPING = LocalActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofSeconds(10))
      // Without a schedule-to-close timeout the Java SDK does not retry a local activity at all.
      // An hour of database outage fails the generation (and its compensation releases the hold).
      .setScheduleToCloseTimeout(Duration.ofHours(1))
      .setRetryOptions(BOOKKEEPING.getRetryOptions())
      .build();

  /** LLM calls: short, a few retries. */
  public static final ActivityOptions LLM = ActivityOptions.newBuilder()
      .setTaskQueue(TaskQueues.LLM)
      .setStartToCloseTimeout(Duration.ofMinutes(2))
      .setHeartbeatTimeout(Duration.ofSeconds(20))
      .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2)
          .setMaximumAttempts(5)
          .setDoNotRetry(NON_RETRYABLE)
          .build())
      .build();

  /**
   * GPU model calls: long, heartbeating (the GPU worker reports every quarter second, queued or
   * running; the activity passes a changed percent on at once and an unchanged one every 3 s), few
   * retries. A retry re-attaches to the same GPU job, so it costs no GPU time.
   */
  public static final ActivityOptions GPU = ActivityOptions.newBuilder()
      .setTaskQueue(TaskQueues.GPU)
      .setStartToCloseTimeout(Duration.ofMinutes(30))
      .setHeartbeatTimeout(Duration.ofSeconds(10))
      .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(2))
          .setBackoffCoefficient(2)
          .setMaximumAttempts(4)
          .setDoNotRetry(NON_RETRYABLE)
          .build())
      .build();

  /** Storage operations: short, many retries. */
  public static final ActivityOptions STORAGE = ActivityOptions.newBuilder()
      .setTaskQueue(TaskQueues.IO)
      .setStartToCloseTimeout(Duration.ofMinutes(2))
      .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2)
          .setMaximumInterval(Duration.ofSeconds(20))
          .setMaximumAttempts(10)
          .setDoNotRetry(NON_RETRYABLE)
          .build())
      .build();

  /**
   * Downloads of files users name by URL: short, a few retries for network faults (refused
   * addresses, wrong types and 4xx answers are non-retryable {@code InvalidInput}).
   */
  public static final ActivityOptions FETCH = ActivityOptions.newBuilder()
      .setTaskQueue(TaskQueues.IO)
      .setStartToCloseTimeout(Duration.ofMinutes(2))
      .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2)
          .setMaximumAttempts(3)
          .setDoNotRetry(NON_RETRYABLE)
          .build())
      .build();

  /**
   * Deliveries to other platforms: retried with backoff until the target answers 2xx, bounded
   * (5 attempts over about half a minute), because an outage of theirs must not hold the
   * generation open for long.
   */
  public static final ActivityOptions DELIVERY = ActivityOptions.newBuilder()
      .setTaskQueue(TaskQueues.IO)
      .setStartToCloseTimeout(Duration.ofSeconds(30))
      .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2)
          .setMaximumInterval(Duration.ofSeconds(15))
          .setMaximumAttempts(5)
          .setDoNotRetry(NON_RETRYABLE)
          .build())
      .build();

  private ActivityKinds() {}
}
