package dev.cadenza.workflows.visibility;

import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import java.util.Map;

/**
 * Gives every activity a generation workflow schedules a summary that names its step, shown in
 * the Temporal UI's timeline and event history ({@code generateAudio: render the audio on a GPU
 * worker}). A worker interceptor rather than per-call options, so the workflows keep one activity
 * stub per kind of work and read as the story of the job. The text depends only on the activity
 * type, so it is deterministic; summaries are metadata and do not take part in replay checks.
 */
public final class StepSummaries extends WorkerInterceptorBase {
  private static final Map<String, String> WHAT = Map.ofEntries(
      Map.entry("JoinLane", "take a place in the user's lane of concurrent generations"),
      Map.entry("ReserveCredits", "hold the credits it costs"),
      Map.entry("MarkRunning", "mark the generation running"),
      Map.entry("WritePrompt", "LLM writes the style prompt"),
      Map.entry("WriteLyrics", "LLM writes the lyrics"),
      Map.entry("GenerateAudio", "render the audio on a GPU worker"),
      Map.entry("GenerateCover", "paint the cover art on a GPU worker"),
      Map.entry("Categorize", "LLM picks the title and genres"),
      Map.entry("StoreOutputs", "validate and store the files"),
      Map.entry("CaptureCredits", "spend the held credits"),
      Map.entry("PublishResult", "write the result for the user"),
      Map.entry("ReleaseCredits", "compensation: release the held credits"),
      Map.entry("DiscardOutputs", "compensation: delete the staged files"),
      Map.entry("RecordFailure", "record why the generation ended"));

  /** The summary of an activity type: the step name (the method name) and what it does. */
  public static String of(String activityType) {
    String step = activityType.isEmpty()
        ? activityType
        : Character.toLowerCase(activityType.charAt(0)) + activityType.substring(1);
    String what = WHAT.get(activityType);
    return what == null ? step : step + ": " + what;
  }

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public void init(WorkflowOutboundCallsInterceptor outbound) {
        super.init(new Summarizing(outbound));
      }
    };
  }

  private static final class Summarizing extends WorkflowOutboundCallsInterceptorBase {
    Summarizing(WorkflowOutboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public <R> ActivityOutput<R> executeActivity(ActivityInput<R> input) {
      if (input.getOptions().getSummary() != null) {
        return super.executeActivity(input); // the workflow said it better
      }
      ActivityOptions options = ActivityOptions.newBuilder(input.getOptions())
          .setSummary(of(input.getActivityName()))
          .build();
      return super.executeActivity(new ActivityInput<>(
          input.getActivityName(),
          input.getResultClass(),
          input.getResultType(),
          input.getArgs(),
          options,
          input.getHeader()));
    }

    @Override
    public <R> LocalActivityOutput<R> executeLocalActivity(LocalActivityInput<R> input) {
      if (input.getOptions().getSummary() != null) {
        return super.executeLocalActivity(input);
      }
      // Shown on the local activity's marker in the UI's event history.
      LocalActivityOptions options = LocalActivityOptions.newBuilder(input.getOptions())
          .setSummary(of(input.getActivityName()))
          .build();
      return super.executeLocalActivity(new LocalActivityInput<>(
          input.getActivityName(),
          input.getResultClass(),
          input.getResultType(),
          input.getArgs(),
          options,
          input.getHeader()));
    }
  }
}
