package dev.cadenza.worker;

import static dev.cadenza.generation.events.GenerationEventType.STEP_COMPLETED;
import static dev.cadenza.generation.events.GenerationEventType.STEP_STARTED;

import dev.cadenza.generation.GenerationStore;
import dev.cadenza.generation.events.GenerationEvents;
import dev.cadenza.workflows.WorkflowIds;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sees a generation's steps from the activity side: records their retries, so the API can show
 * each step's {@code attempts} (retries happen on the server, out of the workflow's sight; first
 * attempts are not written: a started step has at least one), and emits {@code step_started}
 * (first attempt) and {@code step_completed} (success) events. Neither may fail the step.
 */
@Component
public class StepAttemptInterceptor extends WorkerInterceptorBase {
  private static final Logger log = LoggerFactory.getLogger(StepAttemptInterceptor.class);

  /**
   * Activities that are not steps the user sees: status bookkeeping (which emits its own status
   * events) and the compensations, which are not in the generation's {@code steps}.
   */
  private static final Set<String> NOT_STEPS =
      Set.of("markRunning", "recordFailure", "releaseCredits", "discardOutputs");

  private final GenerationStore store;
  private final GenerationEvents events;

  public StepAttemptInterceptor(GenerationStore store, GenerationEvents events) {
    this.store = store;
    this.events = events;
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private ActivityInfo info;

      @Override
      public void init(ActivityExecutionContext context) {
        info = context.getInfo();
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        String generationId = WorkflowIds.generationId(info.getWorkflowId());
        if (generationId == null) {
          return super.execute(input);
        }
        String step = step(info);
        boolean visible = !NOT_STEPS.contains(step);
        if (info.getAttempt() > 1) {
          recordAttempt(generationId, step, info.getAttempt());
        } else if (visible) {
          events.emit(generationId, STEP_STARTED, GenerationEvents.step(step));
        }
        ActivityOutput output = super.execute(input);
        if (visible) {
          // publishResult emits its own before the terminal event; this one is then dropped,
          // as anything after a terminal event is.
          events.emit(generationId, STEP_COMPLETED, GenerationEvents.step(step));
        }
        return output;
      }
    };
  }

  /** Steps are named like the activity methods: {@code generateAudio}. */
  private static String step(ActivityInfo info) {
    String type = info.getActivityType();
    return Character.toLowerCase(type.charAt(0)) + type.substring(1);
  }

  private void recordAttempt(String generationId, String step, int attempt) {
    try {
      store.recordAttempt(generationId, step, attempt);
    } catch (RuntimeException e) {
      // Bookkeeping must never fail the step itself.
      log.warn("Could not record attempt {} of {} for {}", attempt, step, generationId, e);
    }
  }
}
