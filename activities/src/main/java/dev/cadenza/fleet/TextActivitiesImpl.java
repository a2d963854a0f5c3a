package dev.cadenza.fleet;

import dev.cadenza.workflows.text.Categorization;
import dev.cadenza.workflows.text.CategorizeRequest;
import dev.cadenza.workflows.text.LyricsRequest;
import dev.cadenza.workflows.text.PromptRequest;
import dev.cadenza.workflows.text.TextActivities;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * LLM steps as {@code text} model jobs on the fleet, one job per answer, so that a retried step
 * re-attaches to the completion instead of asking the model again.
 */
public class TextActivitiesImpl implements TextActivities {

  private static final String MODEL = "text";

  private final ActivityJobRunner jobs;

  public TextActivitiesImpl(GpuFleet fleet, JobProgressListener progress) {
    this.jobs = new ActivityJobRunner(fleet, progress);
  }

  @Override
  public String writePrompt(PromptRequest request) {
    Map<String, Object> input = task("prompt", request.seed());
    input.put("description", request.description());
    return ask("", input, request.userId(), 0, 100);
  }

  @Override
  public String writeLyrics(LyricsRequest request) {
    Map<String, Object> input = task("lyrics", request.seed());
    input.put("lyricsDescription", request.description());
    input.put("prompt", request.prompt());
    return ask("", input, request.userId(), 0, 100);
  }

  @Override
  public Categorization categorize(CategorizeRequest request) {
    // Two jobs, one progress bar: the title is its first half.
    String title = ask(":title", about(request, "title"), request.userId(), 0, 50);
    String categories = ask(":categories", about(request, "categories"), request.userId(), 50, 100);
    return new Categorization(title.strip(), CategoryList.parse(categories));
  }

  private String ask(String jobSuffix, Map<String, Object> input, String userId, int from, int to) {
    try (JobOutcome outcome = jobs.run(jobSuffix, null, MODEL, input, userId, from, to)) {
      return outcome.text();
    }
  }

  private static Map<String, Object> about(CategorizeRequest request, String task) {
    Map<String, Object> input = task(task, request.seed());
    input.put("description", request.description());
    input.put("prompt", request.prompt());
    input.put("lyrics", request.lyrics());
    return input;
  }

  private static Map<String, Object> task(String task, long seed) {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("task", task);
    input.put("seed", MediaActivitiesImpl.seed(seed));
    return input;
  }
}
