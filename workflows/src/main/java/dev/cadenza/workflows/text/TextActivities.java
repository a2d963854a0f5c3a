package dev.cadenza.workflows.text;

import io.temporal.activity.ActivityInterface;

/**
 * LLM steps. Each call is a job with an id derived from the workflow id and step, so a retry
 * re-attaches to the same completion instead of asking the model again.
 */
@ActivityInterface
public interface TextActivities {

  /** A music style prompt (genre, mood, instruments, tempo, key) for the description. */
  String writePrompt(PromptRequest request);

  /** Song lyrics with section markers such as {@code [Verse]} and {@code [Chorus]}. */
  String writeLyrics(LyricsRequest request);

  /** A title and one to four lowercase categories. */
  Categorization categorize(CategorizeRequest request);
}
