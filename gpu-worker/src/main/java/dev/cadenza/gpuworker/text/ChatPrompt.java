package dev.cadenza.gpuworker.text;

import dev.cadenza.gpuworker.runner.ModelInput;
import java.util.ArrayList;
import java.util.List;

/**
 * The chat messages for one text task: a system prompt that asks for exactly the format the
 * built-in {@link TextRunner} produces, and a user message with the request's fields.
 *
 * @param temperature low for the classification task, higher for the creative ones
 * @param maxTokens room for the answer (generous, so a model that thinks aloud first is not cut
 *     off)
 */
record ChatPrompt(String system, String user, double temperature, int maxTokens) {

  /** Longest lyrics quoted to the model for a title. */
  private static final int MAX_QUOTED_LYRICS = 2000;

  static ChatPrompt forTask(String task, ModelInput in) {
    String description = in.text("description", "");
    String prompt = in.text("prompt", "");
    return switch (task) {
      case "prompt" ->
        new ChatPrompt(
            "You write style prompts for a text-to-music model. Answer with one line of 4 to 10"
                + " comma-separated lowercase tags: genre, mood, instruments, then the tempo as"
                + " \"NN bpm\" and the key as for example \"A minor\". Example: lo-fi,"
                + " melancholic, piano, soft drums, 76 bpm, A minor. Answer with the tags only:"
                + " no quotes, no explanations.",
            "Song description: " + description,
            0.8,
            300);
      case "lyrics" ->
        new ChatPrompt(
            "You are a songwriter. Write song lyrics with exactly four sections, each headed by"
                + " its tag on its own line, in this order: [Verse], [Chorus], [Verse], [Chorus]."
                + " Four to six short singable lines per section. Answer with the lyrics only:"
                + " no title, no explanations.",
            lines(
                "Song description: ",
                in.text("lyricsDescription", description),
                "Musical style: ",
                prompt),
            0.9,
            1500);
      case "title" ->
        new ChatPrompt(
            "You name songs. Answer with one song title of 2 to 5 words and nothing else: no"
                + " quotes, no explanations.",
            titleRequest(description, prompt, in.text("lyrics", "")),
            0.8,
            200);
      case "categories" ->
        new ChatPrompt(
            "You tag songs for a music catalogue. Answer with a JSON array of 1-4 lowercase"
                + " genre or mood words and nothing else, for example [\"lo-fi\",\"chill\"].",
            "Style prompt: " + (prompt.isEmpty() ? description : prompt),
            0.2,
            200);
      default -> throw new IllegalArgumentException("unknown task " + task);
    };
  }

  private static String titleRequest(String description, String prompt, String lyrics) {
    if (lyrics.length() > MAX_QUOTED_LYRICS) {
      lyrics = lyrics.substring(0, MAX_QUOTED_LYRICS) + "\n...";
    }
    String request =
        lines("Song description: ", description, "Musical style: ", prompt, "Lyrics:\n", lyrics);
    return request.isEmpty() ? "Invent a title for a new song." : request;
  }

  /** "label value" lines for the values that are not empty. */
  private static String lines(String... labelsAndValues) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < labelsAndValues.length; i += 2) {
      if (!labelsAndValues[i + 1].isBlank()) {
        lines.add(labelsAndValues[i] + labelsAndValues[i + 1].strip());
      }
    }
    return String.join("\n", lines);
  }
}
