package dev.cadenza.gpuworker.text;

import com.google.protobuf.Struct;
import dev.cadenza.gpuworker.runner.ModelFailureException;
import dev.cadenza.gpuworker.runner.ModelInput;
import dev.cadenza.gpuworker.runner.ModelRunner;
import dev.cadenza.gpuworker.runner.RunContext;
import dev.cadenza.gpuworker.runner.RunResult;
import java.util.List;

/**
 * Model {@code "text"}: stands in for the LLM steps of song generation. Input {@code task}
 * selects the job:
 *
 * <ul>
 *   <li>{@code prompt}: {@code description} -> a music style prompt with tempo and key
 *   <li>{@code lyrics}: {@code lyricsDescription} (else {@code description}) and {@code
 *       prompt} -> lyrics in [Verse]/[Chorus]/[Verse]/[Chorus] form
 *   <li>{@code title}: {@code description}, else {@code lyrics}, else {@code prompt} -> 2-5
 *       words
 *   <li>{@code categories}: {@code prompt} (else {@code description}) -> JSON array of 1-4
 *       categories
 * </ul>
 *
 * All tasks take an optional {@code seed}; the result is plain text in {@code
 * Completed.text}. Requests with blocked phrases are refused ({@link ContentPolicy}).
 */
public final class TextRunner implements ModelRunner {

  static final List<String> TASKS = List.of("prompt", "lyrics", "title", "categories");

  @Override
  public String model() {
    return "text";
  }

  @Override
  public void validate(Struct input) {
    ModelInput in = ModelInput.of(input);
    validateTask(in);
    ContentPolicy.check(in.allText());
  }

  /**
   * The checks every text backend makes: a known {@code task} and the fields it needs. Shared
   * with {@link OpenAiChatTextRunner}, so both backends accept the same requests.
   */
  static void validateTask(ModelInput in) {
    String task = in.text("task", "");
    if (!TASKS.contains(task)) {
      throw ModelFailureException.invalidInput(
          "task must be one of " + TASKS + ", was \"" + task + "\"");
    }
    if (task.equals("prompt") && in.optionalText("description").isEmpty()) {
      throw ModelFailureException.invalidInput("description is required for task prompt");
    }
    if (task.equals("lyrics")
        && in.optionalText("lyricsDescription").isEmpty()
        && in.optionalText("description").isEmpty()
        && in.optionalText("prompt").isEmpty()) {
      throw ModelFailureException.invalidInput(
          "lyricsDescription, description or prompt is required for task lyrics");
    }
  }

  @Override
  public RunResult run(Struct input, RunContext ctx) {
    validate(input);
    ModelInput in = ModelInput.of(input);
    ctx.progress("generate", 0);
    long seed = in.seed();
    String description = in.text("description", "");
    String prompt = in.text("prompt", "");
    String text = switch (in.text("task", "")) {
      case "prompt" -> StylePromptWriter.write(description, seed);
      case "lyrics" -> LyricsWriter.write(in.text("lyricsDescription", description), prompt, seed);
      case "title" -> TitleWriter.write(description, prompt, in.text("lyrics", ""), seed);
      case "categories" -> Categorizer.categorize(prompt.isEmpty() ? description : prompt);
      default -> throw new IllegalStateException("validated above");
    };
    ctx.progress("generate", 100);
    return RunResult.text(text);
  }
}
