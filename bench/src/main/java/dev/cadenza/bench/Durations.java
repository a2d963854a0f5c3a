package dev.cadenza.bench;

import java.time.Duration;

/** Durations written as {@code 250ms}, {@code 5s}, {@code 2m} or plain (fractional) seconds. */
final class Durations {

  static Duration parse(String text) {
    String t = text.trim();
    try {
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      if (t.endsWith("m")) {
        return Duration.ofSeconds(
            Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60));
      }
      String seconds = t.endsWith("s") ? t.substring(0, t.length() - 1) : t;
      return Duration.ofNanos(Math.round(Double.parseDouble(seconds) * 1e9));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a duration: \"" + text + "\" (e.g. 250ms, 5s, 2m)");
    }
  }

  static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }

  private Durations() {}
}
