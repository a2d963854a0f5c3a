package dev.cadenza.faults;

import dev.cadenza.workflows.text.Categorization;
import dev.cadenza.workflows.text.CategorizeRequest;
import dev.cadenza.workflows.text.LyricsRequest;
import dev.cadenza.workflows.text.PromptRequest;
import dev.cadenza.workflows.text.TextActivities;
import java.util.function.Supplier;

/**
 * LLM steps that fail at a rate after the model has answered, as when the answer is lost on its
 * way back. That is the costly kind of LLM fault: the retried step must re-attach to the finished
 * text job instead of asking the model again.
 */
final class FaultyTextActivities implements TextActivities {
  private final TextActivities llm;
  private final FaultRate rate;

  FaultyTextActivities(TextActivities llm, FaultRate rate) {
    this.llm = llm;
    this.rate = rate;
  }

  @Override
  public String writePrompt(PromptRequest request) {
    return strikeAfter("writePrompt", () -> llm.writePrompt(request));
  }

  @Override
  public String writeLyrics(LyricsRequest request) {
    return strikeAfter("writeLyrics", () -> llm.writeLyrics(request));
  }

  @Override
  public Categorization categorize(CategorizeRequest request) {
    return strikeAfter("categorize", () -> llm.categorize(request));
  }

  private <T> T strikeAfter(String step, Supplier<T> call) {
    T answer = call.get();
    if (rate.strikes()) {
      throw new InjectedFaultException("injected LLM fault (" + rate.name() + "): " + step);
    }
    return answer;
  }
}
