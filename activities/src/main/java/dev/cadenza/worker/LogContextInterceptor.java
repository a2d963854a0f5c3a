package dev.cadenza.worker;

import dev.cadenza.workflows.WorkflowIds;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Every log line an activity writes names the generation and workflow it works for ({@code
 * generationId}, {@code workflowId} in the MDC, the same keys the API and the GPU workers use);
 * the trace id comes from the tracing interceptors. Activity threads are pooled, so the entries
 * are removed when the activity returns.
 */
@Component
public class LogContextInterceptor extends WorkerInterceptorBase {
  public static final String GENERATION_ID = "generationId";
  public static final String WORKFLOW_ID = "workflowId";

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private String workflowId;

      @Override
      public void init(ActivityExecutionContext context) {
        workflowId = context.getInfo().getWorkflowId();
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        String generationId = WorkflowIds.generationId(workflowId);
        try (MDC.MDCCloseable workflow = MDC.putCloseable(WORKFLOW_ID, workflowId);
            MDC.MDCCloseable generation =
                generationId == null ? null : MDC.putCloseable(GENERATION_ID, generationId)) {
          return super.execute(input);
        }
      }
    };
  }
}
