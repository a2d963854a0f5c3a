package dev.cadenza.worker;

import dev.cadenza.workflows.TaskQueues;
import dev.cadenza.workflows.media.MediaActivities;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The GPU-facing steps: each waits on a GPU worker's slot for up to minutes, heartbeating. Its
 * pool follows the fleet: more GPU workers, more of these.
 */
@Component
record GpuQueueWorker(MediaActivities media) implements QueueWorker {

  @Override
  public String role() {
    return "gpu";
  }

  @Override
  public String taskQueue() {
    return TaskQueues.GPU;
  }

  @Override
  public List<Object> activities() {
    return List.of(media);
  }
}
