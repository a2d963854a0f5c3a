package dev.cadenza.gpuworker.text;

import dev.cadenza.gpuworker.music.Vocabulary;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks 1 to 4 lower-case genre and mood categories for a song from its style prompt, as a
 * JSON array string such as {@code ["lo-fi","chill","ambient"]}.
 */
final class Categorizer {

  private Categorizer() {}

  static String categorize(String stylePrompt) {
    List<String> categories = new ArrayList<>(Vocabulary.find(stylePrompt, Vocabulary.GENRES));
    for (String mood : Vocabulary.moods(stylePrompt)) {
      if (!categories.contains(mood)) {
        categories.add(mood);
      }
    }
    if (categories.isEmpty()) {
      categories.add("pop");
    }
    List<String> quoted = new ArrayList<>();
    // Vocabulary words contain no quotes or backslashes, so no escaping is needed.
    categories.stream().limit(4).forEach(c -> quoted.add("\"" + c + "\""));
    return "[" + String.join(",", quoted) + "]";
  }
}
