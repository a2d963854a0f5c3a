package dev.cadenza.worker;

import io.temporal.worker.Worker;
import java.util.List;

/**
 * One task queue's worker: what runs on it, in one small class per queue (as the Temporal
 * reference application's {@code worker.go} files). A process polls the queues its role names
 * ({@code app.worker.queues}, see {@link QueueWorkers}).
 */
interface QueueWorker {

  /** How a role names this queue: {@code workflows}, {@code gpu}, {@code llm}, {@code io}. */
  String role();

  /** The task queue, from {@code TaskQueues}. */
  String taskQueue();

  /** The activity implementations this queue's worker runs. */
  List<Object> activities();

  /** Registers this queue's workflows and activities on its worker. */
  default void register(Worker worker) {
    worker.registerActivitiesImplementations(activities().toArray());
  }
}
