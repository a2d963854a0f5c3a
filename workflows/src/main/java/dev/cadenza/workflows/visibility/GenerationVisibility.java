package dev.cadenza.workflows.visibility;

import static dev.cadenza.workflows.visibility.GenerationSearchAttributes.GENERATION_STATUS;
import static dev.cadenza.workflows.visibility.GenerationSearchAttributes.GENERATION_TYPE;
import static dev.cadenza.workflows.visibility.GenerationSearchAttributes.USER_ID;

import dev.cadenza.workflows.generation.GenerationType;
import io.temporal.workflow.Workflow;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a generation workflow shows in the Temporal UI as it goes: its search attributes (type,
 * user, status) and a memo with a short summary and, at the end, the outcome. Called from workflow
 * code only; every call is a workflow command, so calls belong at fixed points of the workflow.
 */
public final class GenerationVisibility {
  public static final String QUEUED = "queued";
  public static final String RUNNING = "running";
  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";
  public static final String CANCELED = "canceled";

  /** Memo keys. */
  public static final String MEMO_SUMMARY = "summary";

  public static final String MEMO_COST = "cost";
  public static final String MEMO_OUTCOME = "outcome";

  private GenerationVisibility() {}

  /**
   * The generation is accepted and waits for its first step.
   *
   * @param summary a line without user content, e.g. {@code "song, 20 s, instrumental, 10
   *     credits"}
   */
  public static void queued(GenerationType type, String userId, long cost, String summary) {
    Workflow.upsertTypedSearchAttributes(
        GENERATION_TYPE.valueSet(type.wireName()),
        USER_ID.valueSet(userId),
        GENERATION_STATUS.valueSet(QUEUED));
    Map<String, Object> memo = new LinkedHashMap<>();
    memo.put(MEMO_SUMMARY, summary);
    memo.put(MEMO_COST, cost);
    Workflow.upsertMemo(memo);
  }

  /** The credits are held and the work has started. */
  public static void running() {
    Workflow.upsertTypedSearchAttributes(GENERATION_STATUS.valueSet(RUNNING));
  }

  /** The outputs are delivered and paid for. */
  public static void succeeded() {
    ended(SUCCEEDED, SUCCEEDED);
  }

  /**
   * The generation failed or was canceled; its hold is released.
   *
   * @param code the error code the user sees ({@code CONTENT_REFUSED}, {@code CANCELED}, ...)
   */
  public static void failed(boolean canceled, String code) {
    String status = canceled ? CANCELED : FAILED;
    ended(status, canceled ? status : status + ": " + code);
  }

  private static void ended(String status, String outcome) {
    Workflow.upsertTypedSearchAttributes(GENERATION_STATUS.valueSet(status));
    Workflow.upsertMemo(Map.of(MEMO_OUTCOME, outcome));
  }
}
