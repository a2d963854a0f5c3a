package dev.cadenza.gpuworker.music;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A key such as "A minor": a root pitch class (0 = C) and a mode. Knows its scale, so the
 * audio model can build chords and melodies from it.
 */
public record MusicalKey(int root, boolean minor) {

  private static final List<String> NAMES =
      List.of("C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B");
  private static final int[] MAJOR_STEPS = {0, 2, 4, 5, 7, 9, 11};
  private static final int[] MINOR_STEPS = {0, 2, 3, 5, 7, 8, 10};
  // "A minor", "Eb major", "F# minor". Case-sensitive on purpose: the article in "a minor
  // change" must not read as A minor.
  private static final Pattern KEY = Pattern.compile("\\b([A-G])([#b]?)\\s*(major|minor)\\b");

  public MusicalKey {
    root = Math.floorMod(root, 12);
  }

  /** The first key named in {@code text}, if any. */
  public static Optional<MusicalKey> parse(String text) {
    Matcher m = KEY.matcher(text);
    if (!m.find()) {
      return Optional.empty();
    }
    int root = "C D EF G A B".indexOf(m.group(1));
    root += switch (m.group(2)) {
      case "#" -> 1;
      case "b" -> -1;
      default -> 0;
    };
    return Optional.of(new MusicalKey(root, m.group(3).equals("minor")));
  }

  /** Pitch class name and mode, e.g. "A minor". */
  public String name() {
    return NAMES.get(root) + (minor ? " minor" : " major");
  }

  /**
   * MIDI note of a scale degree (0 = tonic, 7 = tonic an octave up, negative = below) in the
   * octave whose tonic is at or above {@code baseMidi}.
   */
  public int midiOf(int degree, int baseMidi) {
    int[] steps = minor ? MINOR_STEPS : MAJOR_STEPS;
    int tonic = baseMidi + Math.floorMod(root - baseMidi, 12);
    return tonic + 12 * Math.floorDiv(degree, 7) + steps[Math.floorMod(degree, 7)];
  }

  /** Frequency in Hz of a MIDI note (A4 = 69 = 440 Hz). */
  public static double frequency(int midi) {
    return 440.0 * Math.pow(2, (midi - 69) / 12.0);
  }

  @Override
  public String toString() {
    return name();
  }
}
