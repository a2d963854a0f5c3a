package dev.cadenza.api.hardening;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Text from every corner of Unicode for the text fields of the API: C0 and C1 controls, lone
 * surrogates, 4-byte emoji, combining marks, right-to-left and bidi controls, private use and
 * non-characters, all supplementary planes; and strings around and above the fields' length
 * limits. For jqwik ({@link #arbitrary}) and for the seeded fuzzer ({@link #next}).
 */
final class HostileText {
  /** A range of code points; weight says how often it is drawn against the others. */
  record Pool(String name, int from, int to, int weight) {}

  static final List<Pool> POOLS = List.of(
      new Pool("printable ASCII", 0x20, 0x7E, 12),
      new Pool("C0 controls, tab and newlines among them", 0x00, 0x1F, 1),
      new Pool("DEL and C1 controls", 0x7F, 0x9F, 1),
      new Pool("Latin-1 and Latin extended", 0xA0, 0x24F, 1),
      new Pool("combining marks", 0x300, 0x36F, 1),
      new Pool("Hebrew and Arabic, right to left", 0x590, 0x6FF, 1),
      new Pool("zero-width and bidi controls", 0x200B, 0x202E, 1),
      new Pool("CJK", 0x4E00, 0x9FFF, 1),
      new Pool("surrogates, one half alone", 0xD800, 0xDFFF, 1),
      new Pool("private use, BOM, non-characters", 0xE000, 0xFFFF, 1),
      new Pool("emoji, 4 bytes in UTF-8", 0x1F300, 0x1FAFF, 1),
      new Pool("every supplementary plane", 0x10000, 0x10FFFF, 1));

  private static final int TOTAL_WEIGHT = POOLS.stream().mapToInt(Pool::weight).sum();

  /** Mostly short strings of mixed pools; one in nine about the length limits (500, 3000). */
  static Arbitrary<String> arbitrary() {
    List<Tuple.Tuple2<Integer, Arbitrary<String>>> pools = POOLS.stream()
        .map(pool -> Tuple.of(
            pool.weight(),
            Arbitraries.integers().between(pool.from(), pool.to()).map(Character::toString)))
        .toList();
    Arbitrary<String> piece = Arbitraries.frequencyOf(pools);
    Arbitrary<String> mixed = piece.list().ofMaxSize(10).map(pieces -> String.join("", pieces));
    Arbitrary<String> repeated = Arbitraries.of("a", "\ud83c\udfb5", "e\u0301", "\u05e9");
    Arbitrary<String> longText = Combinators.combine(
            repeated, Arbitraries.integers().between(480, 3100), mixed)
        .as((unit, times, tail) -> unit.repeat(times) + tail);
    return Arbitraries.frequencyOf(Tuple.of(8, mixed), Tuple.of(1, longText));
  }

  /** The same kind of text from a seeded {@link Random}, short only (the fuzzer's bodies). */
  static String next(Random random) {
    StringBuilder text = new StringBuilder();
    int pieces = random.nextInt(11);
    for (int i = 0; i < pieces; i++) {
      int roll = random.nextInt(TOTAL_WEIGHT);
      for (Pool pool : POOLS) {
        roll -= pool.weight();
        if (roll < 0) {
          text.appendCodePoint(pool.from() + random.nextInt(pool.to() - pool.from() + 1));
          break;
        }
      }
    }
    return text.toString();
  }

  /**
   * Whether the API must refuse {@code text} whatever the field: it holds a C0 control other
   * than tab, line feed and carriage return, or half a surrogate pair (which {@link
   * String#codePoints} yields as a code point of its own).
   */
  static boolean mustBeRefused(String text) {
    return text.codePoints()
        .anyMatch(
            c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0xD800 && c <= 0xDFFF);
  }

  /**
   * {@code text} as a JSON string that says exactly it: quotes, backslashes, controls and lone
   * surrogates as {@code \\uXXXX} escapes (UTF-8 has no bytes for a lone surrogate), the rest,
   * pairs included, as it is.
   */
  static String json(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else if (c == '"' || c == '\\' || c < 0x20 || Character.isSurrogate(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private HostileText() {}
}
