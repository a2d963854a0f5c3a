package dev.cadenza.worker;

import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Adds one worker per task queue of this process's role to the Temporal starter's {@link
 * WorkerFactory}, which the starter starts once the application is ready (and which carries the
 * interceptors, tracing and metrics). The workers are made here rather than listed under {@code
 * spring.temporal.workers}: the starter creates every worker listed there, so a list could not
 * be chosen per process by one setting, and its annotation-driven discovery would put Spring
 * annotations on the workflow classes, which are kept free of Spring.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WorkerRole.class)
class QueueWorkers {
  private static final Logger log = LoggerFactory.getLogger(QueueWorkers.class);

  /** The profiles that were roles before the task queues were split. */
  private static final String REMOVED_ROLES = "workflow-worker | activity-worker";

  @Bean
  PolledQueues polledQueues(
      WorkerFactory factory,
      WorkerRole role,
      List<QueueWorker> queues,
      ObjectProvider<TemporalOptionsCustomizer<WorkerOptions.Builder>> customizers,
      Environment environment) {
    if (environment.matchesProfiles(REMOVED_ROLES)) {
      // Their files are gone: without this the process would quietly poll every queue.
      throw new IllegalStateException("The workflow-worker and activity-worker profiles are "
          + "replaced by APP_WORKER_QUEUES: workflows for the workflow worker, gpu,llm,io for an "
          + "activity worker (see the README, Production)");
    }
    Map<String, QueueWorker> byRole = new TreeMap<>();
    queues.forEach(queue -> byRole.put(queue.role(), queue));
    Set<String> chosen = role.chosen(byRole.keySet());
    List<Worker> workers = chosen.stream()
        .map(byRole::get)
        .map(queue -> {
          WorkerOptions.Builder options = WorkerOptions.newBuilder();
          for (TemporalOptionsCustomizer<WorkerOptions.Builder> customizer :
              customizers.orderedStream().toList()) {
            options = customizer.customize(options);
          }
          Worker worker = factory.newWorker(queue.taskQueue(), options.build());
          queue.register(worker);
          return worker;
        })
        .toList();
    log.info(
        "Temporal workers on task queues {}",
        chosen.isEmpty()
            ? "none (API only)"
            : workers.stream().map(Worker::getTaskQueue).toList());
    return new PolledQueues(workers);
  }

  /** The workers this process runs, one per task queue it polls. */
  record PolledQueues(List<Worker> workers) {}
}
