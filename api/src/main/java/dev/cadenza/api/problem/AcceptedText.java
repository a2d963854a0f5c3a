package dev.cadenza.api.problem;

/**
 * The characters a text the API reads may hold: any Unicode text but the C0 control characters
 * (tab, line feed and carriage return excepted, for lyrics and descriptions) and unpaired
 * surrogates. PostgreSQL cannot store NUL at all, and a lone surrogate has no UTF-8 form (the
 * driver would store {@code ?}); the other controls are refused with them so that what is stored
 * reads back as it was sent, in any client.
 */
public final class AcceptedText {

  /** Null when {@code text} is acceptable; else what is wrong, for a {@link FieldProblem}. */
  public static String problem(CharSequence text) {
    int position = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      position++;
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "must be valid Unicode text: character %d is an unpaired surrogate (%s); U+D800"
                .formatted(position, codePoint(c))
            + " to U+DFFF may only appear as pairs that encode one character";
      } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
        return ("must not contain control characters: character %d is %s; below U+0020 only"
                + " tab, line feed and carriage return are allowed")
            .formatted(position, codePoint(c));
      }
    }
    return null;
  }

  /**
   * {@code text} with each character {@link #problem} refuses written as {@code \\uXXXX}: for
   * echoing a refused field name in an answer, which could not carry it otherwise.
   */
  public static String escaped(CharSequence text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean pair = Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1));
      if (pair) {
        out.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c) || c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
        out.append("\\u").append(String.format("%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String codePoint(char c) {
    return String.format("U+%04X", (int) c);
  }

  private AcceptedText() {}
}
