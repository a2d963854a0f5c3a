package dev.cadenza.gpuworker.music;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The words the built-in models understand in free text: genres, moods and instruments, and
 * a few everyday words that suggest a mood ("rain" reads as melancholic). The text model
 * writes prompts from these words and the audio and image models read them back.
 */
public final class Vocabulary {

  public static final List<String> GENRES = List.of(
      "lo-fi",
      "hip hop",
      "jazz",
      "rock",
      "pop",
      "ambient",
      "electronic",
      "classical",
      "folk",
      "blues",
      "metal",
      "funk",
      "soul",
      "r&b",
      "country",
      "reggae",
      "techno",
      "house",
      "synthwave",
      "cinematic",
      "orchestral",
      "indie",
      "edm",
      "disco",
      "trap",
      "acoustic",
      "dance");

  public static final List<String> MOODS = List.of(
      "chill",
      "calm",
      "relaxed",
      "happy",
      "sad",
      "melancholic",
      "energetic",
      "upbeat",
      "dreamy",
      "dark",
      "uplifting",
      "romantic",
      "nostalgic",
      "peaceful",
      "epic",
      "aggressive",
      "playful",
      "mellow",
      "hopeful",
      "lonely",
      "slow",
      "fast");

  public static final List<String> INSTRUMENTS = List.of(
      "piano",
      "guitar",
      "synth",
      "strings",
      "violin",
      "cello",
      "saxophone",
      "trumpet",
      "flute",
      "drums",
      "bass",
      "rhodes",
      "organ",
      "harp",
      "choir",
      "808");

  /** Everyday words and the mood they suggest. */
  private static final Map<String, String> MOOD_HINTS = Map.ofEntries(
      Map.entry("rain", "melancholic"),
      Map.entry("storm", "dark"),
      Map.entry("sun", "happy"),
      Map.entry("sunny", "happy"),
      Map.entry("summer", "upbeat"),
      Map.entry("night", "dreamy"),
      Map.entry("love", "romantic"),
      Map.entry("heart", "romantic"),
      Map.entry("party", "energetic"),
      Map.entry("ocean", "peaceful"),
      Map.entry("sea", "peaceful"),
      Map.entry("home", "nostalgic"),
      Map.entry("memories", "nostalgic"),
      Map.entry("fire", "energetic"),
      Map.entry("study", "chill"),
      Map.entry("sleep", "calm"),
      Map.entry("morning", "hopeful"),
      Map.entry("winter", "melancholic"),
      Map.entry("road", "upbeat"),
      Map.entry("goodbye", "sad"),
      Map.entry("tears", "sad"),
      Map.entry("dream", "dreamy"));

  /** Moods and genres that mean slow music (about 70-85 bpm) or a minor key. */
  public static final List<String> SLOW = List.of(
      "calm",
      "chill",
      "lo-fi",
      "slow",
      "sad",
      "melancholic",
      "ambient",
      "peaceful",
      "mellow",
      "relaxed",
      "lonely",
      "dreamy",
      "nostalgic");

  /** Moods and genres that mean fast music (about 120-140 bpm). */
  public static final List<String> FAST = List.of(
      "energetic",
      "rock",
      "dance",
      "edm",
      "upbeat",
      "techno",
      "house",
      "metal",
      "disco",
      "aggressive",
      "fast",
      "epic",
      "party",
      "happy",
      "playful");

  /** Moods that suggest a minor key. */
  public static final List<String> MINOR =
      List.of("sad", "melancholic", "dark", "lonely", "nostalgic", "aggressive", "epic");

  private Vocabulary() {}

  /** Lower-cases and spells common variants one way ("lofi", "lo fi" -> "lo-fi"). */
  public static String normalize(String text) {
    return text.toLowerCase(Locale.ROOT)
        .replaceAll("\\blo[ -]?fi\\b", "lo-fi")
        .replaceAll("\\bhip-hop\\b", "hip hop")
        .replaceAll("\\bsynth-wave\\b", "synthwave");
  }

  /** The words of {@code candidates} that occur in {@code text}, in order of appearance. */
  public static List<String> find(String text, List<String> candidates) {
    String normalized = normalize(text);
    record Hit(int at, String word) {}
    List<Hit> hits = new ArrayList<>();
    for (String word : candidates) {
      var matcher = Pattern.compile("(?<![a-z0-9])" + Pattern.quote(word) + "(?![a-z0-9])")
          .matcher(normalized);
      if (matcher.find()) {
        hits.add(new Hit(matcher.start(), word));
      }
    }
    hits.sort((a, b) -> Integer.compare(a.at(), b.at()));
    return hits.stream().map(Hit::word).toList();
  }

  /** Moods named in the text, then moods suggested by everyday words, without repeats. */
  public static List<String> moods(String text) {
    List<String> moods = new ArrayList<>(find(text, MOODS));
    for (String hint : find(text, List.copyOf(MOOD_HINTS.keySet()))) {
      String mood = MOOD_HINTS.get(hint);
      if (!moods.contains(mood)) {
        moods.add(mood);
      }
    }
    return moods;
  }

  /** True when any of {@code words} is in {@code list}. */
  public static boolean anyIn(List<String> words, List<String> list) {
    return words.stream().anyMatch(list::contains);
  }
}
