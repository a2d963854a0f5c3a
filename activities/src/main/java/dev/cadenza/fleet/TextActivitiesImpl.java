package dev.cadenza.fleet;

import dev.cadenza.workflows.text.Categorization;
import dev.cadenza.workflows.text.CategorizeRequest;
import dev.cadenza.workflows.text.LyricsRequest;
import dev.cadenza.workflows.text.PromptRequest;
import dev.cadenza.workflows.text.TextActivities;
import java.util.List;

/**
 * LLM steps as {@code text} model jobs on the fleet, one job per answer, so that a retried step
 * re-attaches to the completion instead of asking the model again.
 */
public class TextActivitiesImpl implements TextActivities {

  private final ActivityJobRunner jobs;

  public TextActivitiesImpl(GpuFleet fleet, JobProgressListener progress) {
    this.jobs = new ActivityJobRunner(fleet, progress);
  }

  @Override
  public String writePrompt(PromptRequest request) {
    return ask(JobInput.Text.prompt(request.seed(), request.description()), request.userId());
  }

  @Override
  public String writeLyrics(LyricsRequest request) {
    return ask(
        JobInput.Text.lyrics(request.seed(), request.description(), request.prompt()),
        request.userId());
  }

  @Override
  public Categorization categorize(CategorizeRequest request) {
    // Two jobs, one progress bar: the title is its first half.
    String title = askPart("title", about(request, "title"), request.userId(), 0, 50);
    String categories =
        askPart("categories", about(request, "categories"), request.userId(), 50, 100);
    return new Categorization(title.strip(), CategoryList.parse(categories));
  }

  private String ask(JobInput.Text input, String userId) {
    try (JobOutcome outcome = jobs.run(null, input, userId, List.of())) {
      return outcome.text();
    }
  }

  private String askPart(String part, JobInput.Text input, String userId, int from, int to) {
    try (JobOutcome outcome = jobs.runPart(part, null, input, userId, from, to)) {
      return outcome.text();
    }
  }

  private static JobInput.Text about(CategorizeRequest request, String task) {
    return JobInput.Text.about(
        task, request.seed(), request.description(), request.prompt(), request.lyrics());
  }
}
