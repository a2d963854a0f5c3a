package dev.cadenza.worker;

import dev.cadenza.generation.GenerationStore;
import dev.cadenza.workflows.WorkflowIds;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records retries of a generation's steps, so the API can show each step's {@code attempts}.
 * Retries happen on the server, out of the workflow's sight; only the activity side sees them.
 * First attempts are not written: a started step has at least one.
 */
@Component
public class StepAttemptInterceptor extends WorkerInterceptorBase {
  private static final Logger log = LoggerFactory.getLogger(StepAttemptInterceptor.class);
  private final GenerationStore store;

  public StepAttemptInterceptor(GenerationStore store) {
    this.store = store;
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
        record(info);
        return super.execute(input);
      }
    };
  }

  private void record(ActivityInfo info) {
    String generationId = WorkflowIds.generationId(info.getWorkflowId());
    if (info.getAttempt() < 2 || generationId == null) {
      return;
    }
    String type = info.getActivityType();
    String step = Character.toLowerCase(type.charAt(0)) + type.substring(1);
    try {
      store.recordAttempt(generationId, step, info.getAttempt());
    } catch (RuntimeException e) {
      // Bookkeeping must never fail the step itself.
      log.warn(
          "Could not record attempt {} of {} for {}", info.getAttempt(), step, generationId, e);
    }
  }
}
