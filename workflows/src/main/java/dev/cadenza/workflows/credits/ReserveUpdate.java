package dev.cadenza.workflows.credits;

import io.temporal.activity.LocalActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * A workflow's {@code reserve} update (the API sends it with the workflow's start,
 * Update-With-Start): admits the generations, rows and holds in one local activity, and answers
 * held or not. The workflow waits for the answer before anything else, and ends at once, having
 * written nothing, when the hold was refused or no update came.
 *
 * <p>Create one per workflow instance, as a field (it makes an activity stub).
 */
public final class ReserveUpdate {
  /**
   * Memo the starter sets ({@code reserve: update}) when it sends the update with the start: the
   * workflow then waits for it. Part of the start, so replays decide the same way.
   */
  public static final String MEMO = "reserve";

  public static final String MEMO_VALUE = "update";

  /**
   * How long a workflow started without its update waits for it: the update travels with the
   * start, so it only goes missing when the server lost it (a restart between the two), and then
   * nobody waits for the answer any more either.
   */
  public static final Duration WAIT = Duration.ofMinutes(2);

  /**
   * One short transaction, retried for a bounded time: the API waits for the answer, so a
   * database outage fails the update (503) rather than holding the request open for an hour. A
   * local activity: the answer costs no round trip through the server.
   */
  static final LocalActivityOptions ADMISSION = LocalActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofSeconds(5))
      .setScheduleToCloseTimeout(Duration.ofSeconds(20))
      .build();

  private final CreditsActivities credits =
      Workflow.newLocalActivityStub(CreditsActivities.class, ADMISSION);

  private ReserveAnswer answer;
  private boolean admitting;
  private boolean failed;

  /** Whether this workflow's starter sends the update (see {@link #MEMO}). */
  public static boolean expected() {
    return MEMO_VALUE.equals(Workflow.getMemo(MEMO, String.class));
  }

  /** The update handler. A second update (a retried request attaching) gets the first answer. */
  public ReserveAnswer admit(Admission admission) {
    if (admitting) {
      Workflow.await(() -> answer != null || failed);
    }
    if (answer != null) {
      return answer;
    }
    admitting = true;
    try {
      answer = credits.admit(admission);
      return answer;
    } catch (RuntimeException e) {
      failed = true;
      throw e;
    } finally {
      admitting = false;
    }
  }

  /**
   * Waits (at most {@link #WAIT}) for the update's answer.
   *
   * @return whether the credits are held; false when refused, failed or never asked
   */
  public boolean awaitHeld() {
    if (answer == null && !failed) {
      Workflow.await(WAIT, () -> answer != null || failed);
    }
    return answer != null && answer.held();
  }

  /** Why the workflow ends without running: for the operators' view. */
  public String refusal() {
    return answer == null ? "NOT_ADMITTED" : "INSUFFICIENT_CREDITS";
  }
}
