package dev.cadenza.workflows;

import dev.cadenza.workflows.credits.CreditsActivities;
import dev.cadenza.workflows.generation.GenerationActivities;
import dev.cadenza.workflows.lane.LaneActivities;
import dev.cadenza.workflows.media.MediaActivities;
import dev.cadenza.workflows.text.TextActivities;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;

/**
 * Registers activity implementations as the service's worker wiring does: each on the task queue
 * of its kind, and the workflows' local activities (hold, read model, lane) on the workflow
 * worker as well, since a local activity runs in the worker of its workflow. An activity that a
 * workflow sends to another queue is then never run, and its test fails.
 */
public final class QueueWorkers {

  /** Call before {@code env.start()}; the activity workers get the workflow worker's options. */
  public static void register(
      TestWorkflowEnvironment env, Worker workflowWorker, Object... activities) {
    for (Object activity : activities) {
      boolean local = activity instanceof CreditsActivities
          || activity instanceof GenerationActivities
          || activity instanceof LaneActivities;
      if (local) {
        workflowWorker.registerActivitiesImplementations(activity);
      }
      if (!(activity instanceof LaneActivities)) {
        worker(env, workflowWorker, queueOf(activity)).registerActivitiesImplementations(activity);
      }
    }
  }

  private static String queueOf(Object activity) {
    if (activity instanceof MediaActivities) {
      return TaskQueues.GPU;
    }
    if (activity instanceof TextActivities) {
      return TaskQueues.LLM;
    }
    return TaskQueues.IO;
  }

  private static Worker worker(TestWorkflowEnvironment env, Worker workflowWorker, String queue) {
    Worker existing = env.getWorkerFactory().tryGetWorker(queue);
    return existing != null ? existing : env.newWorker(queue, workflowWorker.getWorkerOptions());
  }

  private QueueWorkers() {}
}
