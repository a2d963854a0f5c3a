package dev.cadenza.worker;

import dev.cadenza.workflows.WorkflowIds;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Every log line an activity writes names the generation and workflow it works for ({@code
 * generationId}, {@code workflowId} in the MDC, the same keys the API and the GPU workers use);
 * the trace id comes from the tracing interceptors. Activity threads are pooled, so the entries
 * are removed when the activity returns. Each attempt ends with one line (step, attempt, time,
 * outcome), so a generation's path through the worker can be read from its log.
 */
@Component
public class LogContextInterceptor extends WorkerInterceptorBase {
  public static final String GENERATION_ID = "generationId";
  public static final String WORKFLOW_ID = "workflowId";
  private static final Logger log = LoggerFactory.getLogger(LogContextInterceptor.class);

  private static long ms(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
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
        try (MDC.MDCCloseable workflow = MDC.putCloseable(WORKFLOW_ID, info.getWorkflowId());
            MDC.MDCCloseable generation =
                generationId == null ? null : MDC.putCloseable(GENERATION_ID, generationId)) {
          long start = System.nanoTime();
          try {
            ActivityOutput output = super.execute(input);
            log.info(
                "{} attempt {} done in {} ms",
                info.getActivityType(),
                info.getAttempt(),
                ms(start));
            return output;
          } catch (RuntimeException e) {
            log.warn(
                "{} attempt {} failed after {} ms: {}",
                info.getActivityType(),
                info.getAttempt(),
                ms(start),
                e.toString());
            throw e;
          }
        }
      }
    };
  }
}
