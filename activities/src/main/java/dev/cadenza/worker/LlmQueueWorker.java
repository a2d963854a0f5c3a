package dev.cadenza.worker;

import dev.cadenza.workflows.TaskQueues;
import dev.cadenza.workflows.text.TextActivities;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The LLM steps (prompt, lyrics, categories): seconds each, bounded by the language model's
 * capacity or an API's rate limit, not by GPU slots, so they queue apart from the media steps.
 */
@Component
record LlmQueueWorker(TextActivities text) implements QueueWorker {

  @Override
  public String role() {
    return "llm";
  }

  @Override
  public String taskQueue() {
    return TaskQueues.LLM;
  }

  @Override
  public List<Object> activities() {
    return List.of(text);
  }
}
