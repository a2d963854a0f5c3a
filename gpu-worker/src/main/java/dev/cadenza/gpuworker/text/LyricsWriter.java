package dev.cadenza.gpuworker.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes song lyrics in [Verse] / [Chorus] / [Verse] / [Chorus] form. Lines come from
 * templates filled with the description's own words, chosen by the seed, so "a song about
 * rain in the city" gets lines about rain and the city, and the same request always gets the
 * same lyrics.
 */
final class LyricsWriter {

  private static final List<String> VERSE_LINES = List.of(
      "Walking through the %s on my own",
      "I can hear the %s calling out my name",
      "Every %s reminds me of the %s",
      "Hold on to the %s, let the %s go",
      "%S in the window, %s on my mind",
      "We were chasing %s till the morning came",
      "Counting every %s like a little star",
      "Softly falls the %s on the %s below",
      "All the %s we left along the way",
      "Tell me where the %s used to go");

  private static final List<String> CHORUS_LINES = List.of(
      "Oh, %s, stay with me tonight",
      "%S and %s, all we ever need",
      "Sing it to the %s, sing it to the %s",
      "We'll be fine beneath the %s",
      "Never let the %s fade away",
      "%S, %s, carry me home");

  /** Used when the description has too few words of its own. */
  private static final List<String> FALLBACK_WORDS =
      List.of("night", "light", "heart", "sky", "road", "summer", "city", "river");

  private LyricsWriter() {}

  static String write(String description, String stylePrompt, long seed) {
    Random random = new Random(seed * 31 + (description + "|" + stylePrompt).hashCode());
    List<String> words = new ArrayList<>(ContentWords.of(description));
    if (words.isEmpty()) {
      words.addAll(ContentWords.of(stylePrompt));
    }
    for (int i = 0; words.size() < 3; i++) {
      String fallback = FALLBACK_WORDS.get(Math.floorMod(seed + i, FALLBACK_WORDS.size()));
      if (!words.contains(fallback)) {
        words.add(fallback);
      }
    }
    String chorus = stanza(CHORUS_LINES, words, random);
    return "[Verse]\n" + stanza(VERSE_LINES, words, random)
        + "\n\n[Chorus]\n" + chorus
        + "\n\n[Verse]\n" + stanza(VERSE_LINES, words, random)
        + "\n\n[Chorus]\n" + chorus + "\n";
  }

  /** Four lines from distinct templates, each filled with words of the description. */
  private static String stanza(List<String> templates, List<String> words, Random random) {
    List<String> pool = new ArrayList<>(templates);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String template = pool.remove(random.nextInt(pool.size()));
      String first = words.get(random.nextInt(words.size()));
      String second = words.get(random.nextInt(words.size()));
      if (second.equals(first) && words.size() > 1) {
        second = words.get((words.indexOf(first) + 1) % words.size());
      }
      lines.add(fill(template, first, second));
    }
    return String.join("\n", lines);
  }

  /** Fills %s / %S (capitalized) placeholders in order. */
  private static String fill(String template, String first, String second) {
    String[] values = {first, second};
    StringBuilder line = new StringBuilder();
    int next = 0;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '%' && i + 1 < template.length()) {
        String value = values[Math.min(next++, 1)];
        line.append(template.charAt(++i) == 'S' ? ContentWords.capitalized(value) : value);
      } else {
        line.append(c);
      }
    }
    return line.toString();
  }
}
