package dev.cadenza.gpuworker.audio;

import java.util.Locale;

/** Estimates how many syllables a word has, so the vocal line gets one note per syllable. */
final class Syllables {

  private Syllables() {}

  /**
   * Counts vowel groups, not counting a silent final "e" ("rain" 1, "city" 2, "home" 1).
   * Good enough for phrasing; every word gets at least one note.
   */
  static int count(String word) {
    String w = word.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    if (w.isEmpty()) {
      return 0;
    }
    int groups = 0;
    boolean inVowel = false;
    for (int i = 0; i < w.length(); i++) {
      boolean vowel = "aeiouy".indexOf(w.charAt(i)) >= 0;
      if (vowel && !inVowel) {
        groups++;
      }
      inVowel = vowel;
    }
    if (groups > 1 && w.endsWith("e") && !w.endsWith("le")) {
      groups--;
    }
    return Math.max(1, groups);
  }
}
