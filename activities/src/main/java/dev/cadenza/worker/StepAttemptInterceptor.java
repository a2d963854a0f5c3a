package dev.cadenza.worker;

import static dev.cadenza.generation.events.GenerationEventType.STEP_COMPLETED;
import static dev.cadenza.generation.events.GenerationEventType.STEP_STARTED;

import dev.cadenza.generation.GenerationActivitiesImpl;
import dev.cadenza.generation.GenerationStore;
import dev.cadenza.generation.events.GenerationEvents;
import dev.cadenza.workflows.WorkflowIds;
import dev.cadenza.workflows.generation.GenerationSteps;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sees a generation's steps from the activity side: records their retries, so the API can show
 * each step's {@code attempts} (retries happen on the server, out of the workflow's sight; first
 * attempts are not written: a started step has at least one), and emits {@code step_started}
 * (first attempt) and {@code step_completed} (success) events, marking a queued generation running
 * before its first step's event. None of this may fail the step.
 */
@Component
public class StepAttemptInterceptor extends WorkerInterceptorBase {
  private static final Logger log = LoggerFactory.getLogger(StepAttemptInterceptor.class);

  private final GenerationStore store;
  private final GenerationEvents events;
  private final GenerationActivitiesImpl generations;

  public StepAttemptInterceptor(
      GenerationStore store, GenerationEvents events, GenerationActivitiesImpl generations) {
    this.store = store;
    this.events = events;
    this.generations = generations;
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
        // Bookkeeping, the lane, the admission and compensations are no steps the view lists.
        boolean visible = GenerationSteps.ofActivity(info.getActivityType()).isPresent();
        if (info.getAttempt() > 1) {
          recordAttempt(generationId, step, info.getAttempt());
        } else if (visible) {
          // A step runs only in a running generation: the first (holding the credits) starts
          // before the workflow marks it running, so it is marked here first, and the status
          // event comes before the step's.
          markRunning(generationId);
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

  private void markRunning(String generationId) {
    try {
      generations.markRunning(generationId);
    } catch (RuntimeException e) {
      // The workflow marks it running itself right after; the step must not fail for this.
      log.warn("Could not mark {} running", generationId, e);
    }
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
