package dev.cadenza.gpuworker.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Writes a short song title (2 to 5 words) from the description, prompt or lyrics. */
final class TitleWriter {

  private static final List<String> PATTERNS =
      List.of("%s %s", "The %s", "%s in the %s", "%s Song", "%s and %s", "Under the %s");

  private static final List<String> SMALL_WORDS = List.of("in", "the", "of", "and");

  private TitleWriter() {}

  static String write(String description, String stylePrompt, String lyrics, long seed) {
    List<String> words = ContentWords.of(description);
    if (words.isEmpty()) {
      words = mostFrequentFirst(lyricWords(lyrics));
    }
    if (words.isEmpty()) {
      words = ContentWords.of(stylePrompt);
    }
    if (words.isEmpty()) {
      words = List.of("untitled", "song");
    }
    Random random = new Random(seed * 31 + String.join(" ", words).hashCode());
    String first = words.get(0);
    String second = words.size() > 1 ? words.get(1 + random.nextInt(words.size() - 1)) : "night";
    String pattern = PATTERNS.get(random.nextInt(PATTERNS.size()));
    String title = pattern.replaceFirst("%s", first).replaceFirst("%s", second);
    return capitalizeWords(title);
  }

  /** Lyric words, the most repeated first: the chorus hook makes the best title. */
  private static List<String> lyricWords(String lyrics) {
    List<String> all = new ArrayList<>();
    for (String line : lyrics.split("\n")) {
      if (!line.strip().startsWith("[")) {
        all.addAll(List.of(line.toLowerCase().split("[^a-z']+")));
      }
    }
    return all;
  }

  private static List<String> mostFrequentFirst(List<String> words) {
    Map<String, Integer> counts = new HashMap<>();
    List<String> content = ContentWords.of(String.join(" ", words));
    for (String word : words) {
      if (content.contains(word)) {
        counts.merge(word, 1, Integer::sum);
      }
    }
    List<String> ranked = new ArrayList<>(content);
    // Stable sort: ties keep first-appearance order, so the result stays deterministic.
    ranked.sort((a, b) -> Integer.compare(counts.getOrDefault(b, 0), counts.getOrDefault(a, 0)));
    return ranked;
  }

  /** Title case, with short function words kept small ("Rain in the City"). */
  private static String capitalizeWords(String title) {
    List<String> words = new ArrayList<>();
    for (String word : title.split(" ")) {
      boolean small = !words.isEmpty() && SMALL_WORDS.contains(word);
      words.add(small ? word : ContentWords.capitalized(word));
    }
    return String.join(" ", words);
  }
}
