package dev.cadenza.worker;

import dev.cadenza.lane.LaneActivitiesImpl;
import dev.cadenza.workflows.TaskQueues;
import dev.cadenza.workflows.batch.BatchWorkflowImpl;
import dev.cadenza.workflows.image.ImageGenerationWorkflowImpl;
import dev.cadenza.workflows.imageto3d.ImageTo3dWorkflowImpl;
import dev.cadenza.workflows.lane.UserLaneWorkflowImpl;
import dev.cadenza.workflows.render.RenderWorkflowImpl;
import dev.cadenza.workflows.song.SongGenerationWorkflowImpl;
import dev.cadenza.workflows.upload.UploadWorkflowImpl;
import dev.cadenza.workflows.webhook.WebhookDeliveryWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The workflows. Its pool is CPU-bound (workflow tasks, replays after a cache eviction) and
 * scales on the workflow task backlog.
 *
 * <p>Activities registered here, and why: the workflows' local activities run in the worker of
 * the workflow that calls them, so the lane join and the happy path's ledger and read-model
 * writes (the I/O queue's credits and generations) must be here. The GPU, LLM and other I/O
 * activities are here too, and only for tasks that versions before the split scheduled on this
 * queue (where every activity ran): in flight during an upgrade, or retried after it (a retry
 * stays on its activity's queue), they still find their implementation instead of failing as
 * "not registered". No activity stub of this version targets this queue, so nothing else comes.
 */
@Component
record WorkflowQueueWorker(
    WorkflowClient client, GpuQueueWorker gpu, LlmQueueWorker llm, IoQueueWorker io)
    implements QueueWorker {

  @Override
  public String role() {
    return "workflows";
  }

  @Override
  public String taskQueue() {
    return TaskQueues.GENERATIONS;
  }

  @Override
  public List<Object> activities() {
    List<Object> activities = new ArrayList<>();
    activities.add(new LaneActivitiesImpl(client));
    activities.addAll(io.activities());
    activities.addAll(gpu.activities());
    activities.addAll(llm.activities());
    return activities;
  }

  @Override
  public void register(Worker worker) {
    worker.registerWorkflowImplementationTypes(
        SongGenerationWorkflowImpl.class,
        UserLaneWorkflowImpl.class,
        WebhookDeliveryWorkflowImpl.class,
        ImageGenerationWorkflowImpl.class,
        ImageTo3dWorkflowImpl.class,
        RenderWorkflowImpl.class,
        UploadWorkflowImpl.class,
        BatchWorkflowImpl.class);
    QueueWorker.super.register(worker);
  }
}
