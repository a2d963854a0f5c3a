package dev.cadenza.gpuworker.text;

import dev.cadenza.gpuworker.music.Vocabulary;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The meaningful words of a description ("a lo-fi song about rain in the city" -> rain,
 * city): what the lyrics and titles are built from. Style words (genres, instruments) and
 * filler are dropped because "lo-fi" makes a poor lyric; so are mood adjectives and -ing
 * forms, which read badly where the templates expect a noun ("the sad", "the saying").
 */
final class ContentWords {

  private static final Pattern WORD = Pattern.compile("[a-z][a-z']+");
  private static final Set<String> FILLER = Set.of(
      "the",
      "and",
      "for",
      "with",
      "about",
      "into",
      "onto",
      "from",
      "that",
      "this",
      "these",
      "those",
      "some",
      "any",
      "song",
      "songs",
      "music",
      "track",
      "tune",
      "beat",
      "beats",
      "make",
      "made",
      "want",
      "need",
      "like",
      "feel",
      "feels",
      "feeling",
      "style",
      "vibe",
      "vibes",
      "please",
      "write",
      "create",
      "generate",
      "give",
      "something",
      "really",
      "very",
      "more",
      "less",
      "lots",
      "kind",
      "sort",
      "are",
      "was",
      "were",
      "has",
      "have",
      "had",
      "its",
      "our",
      "your",
      "their",
      "his",
      "her",
      "them",
      "they",
      "you",
      "who",
      "what",
      "when",
      "where",
      "which",
      "while",
      "over",
      "under",
      "through",
      "there",
      "here",
      "just",
      "than",
      "then",
      "but",
      "not",
      "all",
      "one",
      "two",
      "bpm",
      "major",
      "minor",
      "instrumental",
      "verse",
      "chorus",
      "bridge",
      "intro",
      "outro",
      "lyrics",
      "ballad",
      "anthem",
      "jam",
      "banger",
      "lullaby",
      "hymn",
      "piece",
      "tempo",
      "mood");

  private ContentWords() {}

  /** Content words in order of first appearance, without repeats. */
  static List<String> of(String text) {
    Set<String> words = new LinkedHashSet<>();
    Matcher m = WORD.matcher(Vocabulary.normalize(text));
    while (m.find()) {
      String word = m.group().replaceAll("'s$", "").replace("'", "");
      if (word.length() >= 3
          && !word.endsWith("ing")
          && !FILLER.contains(word)
          && !Vocabulary.GENRES.contains(word)
          && !Vocabulary.MOODS.contains(word)
          && !Vocabulary.INSTRUMENTS.contains(word)) {
        words.add(word);
      }
    }
    return List.copyOf(words);
  }

  /** {@code word} with a capital first letter. */
  static String capitalized(String word) {
    return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }
}
