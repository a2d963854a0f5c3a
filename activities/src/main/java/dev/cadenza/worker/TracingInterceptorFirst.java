package dev.cadenza.worker;

import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.opentracing.OpenTracingWorkerInterceptor;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.worker.WorkerFactoryOptions;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Puts the Temporal starter's tracing interceptor outermost, around our own worker interceptors
 * (the last interceptor in the list wraps the others; the starter puts tracing first). Then the
 * span of an activity is current, and its trace id in the MDC, while our interceptors log and
 * record, not only inside the activity method.
 */
@Component
class TracingInterceptorFirst implements TemporalOptionsCustomizer<WorkerFactoryOptions.Builder> {

  @Override
  public WorkerFactoryOptions.Builder customize(WorkerFactoryOptions.Builder options) {
    WorkerFactoryOptions built = options.build();
    WorkerInterceptor[] interceptors = built.getWorkerInterceptors();
    if (interceptors == null) {
      return options;
    }
    List<WorkerInterceptor> ordered = new ArrayList<>();
    List<WorkerInterceptor> tracing = new ArrayList<>();
    for (WorkerInterceptor interceptor : interceptors) {
      (interceptor instanceof OpenTracingWorkerInterceptor ? tracing : ordered).add(interceptor);
    }
    ordered.addAll(tracing);
    return built.toBuilder().setWorkerInterceptors(ordered.toArray(WorkerInterceptor[]::new));
  }
}
