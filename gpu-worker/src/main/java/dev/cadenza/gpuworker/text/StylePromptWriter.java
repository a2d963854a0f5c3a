package dev.cadenza.gpuworker.text;

import dev.cadenza.gpuworker.music.MusicalKey;
import dev.cadenza.gpuworker.music.Tempo;
import dev.cadenza.gpuworker.music.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a music style prompt from a song description: the genres, moods and instruments it
 * names (or suggests), then a tempo and a key, e.g. "lo-fi, chill, melancholic, piano,
 * rhodes, 78 bpm, A minor". The audio model reads the tempo and key back.
 */
final class StylePromptWriter {

  private static final List<String> SLOW_GENRES = List.of("lo-fi", "ambient", "jazz", "folk");
  private static final List<String> FAST_GENRES = List.of("pop", "rock", "dance", "synthwave");
  private static final List<String> OTHER_GENRES = List.of("pop", "indie", "folk", "soul");
  private static final List<String> DEFAULT_MOODS =
      List.of("dreamy", "uplifting", "mellow", "nostalgic", "hopeful");
  private static final List<String> DEFAULT_INSTRUMENTS =
      List.of("piano", "guitar", "synth", "strings", "rhodes", "bass");

  private StylePromptWriter() {}

  static String write(String description, long seed) {
    Random random = new Random(seed * 31 + description.hashCode());
    List<String> moods = firstFew(Vocabulary.moods(description), 3);
    if (moods.isEmpty()) {
      moods = List.of(pick(DEFAULT_MOODS, random));
    }
    List<String> genres = firstFew(Vocabulary.find(description, Vocabulary.GENRES), 2);
    if (genres.isEmpty()) {
      List<String> choices = Vocabulary.anyIn(moods, Vocabulary.FAST)
          ? FAST_GENRES
          : Vocabulary.anyIn(moods, Vocabulary.SLOW) ? SLOW_GENRES : OTHER_GENRES;
      genres = List.of(pick(choices, random));
    }
    List<String> instruments =
        new ArrayList<>(firstFew(Vocabulary.find(description, Vocabulary.INSTRUMENTS), 3));
    while (instruments.size() < 2) {
      String instrument = pick(DEFAULT_INSTRUMENTS, random);
      if (!instruments.contains(instrument)) {
        instruments.add(instrument);
      }
    }
    List<String> style = new ArrayList<>(genres);
    style.addAll(moods);
    int bpm = Tempo.parse(description).orElse(Tempo.suggest(style, random.nextInt(1000)));
    MusicalKey key = MusicalKey.parse(description)
        .orElse(new MusicalKey(random.nextInt(12), Vocabulary.anyIn(moods, Vocabulary.MINOR)));

    List<String> parts = new ArrayList<>(style);
    parts.addAll(instruments);
    parts.add(bpm + " bpm");
    parts.add(key.name());
    return String.join(", ", parts);
  }

  private static List<String> firstFew(List<String> words, int count) {
    return words.subList(0, Math.min(count, words.size()));
  }

  private static String pick(List<String> choices, Random random) {
    return choices.get(random.nextInt(choices.size()));
  }
}
