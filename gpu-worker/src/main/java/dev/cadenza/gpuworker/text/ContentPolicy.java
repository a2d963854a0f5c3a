package dev.cadenza.gpuworker.text;

import dev.cadenza.gpuworker.runner.ModelFailureException;
import java.util.List;
import java.util.Locale;

/**
 * A deliberately tiny stand-in for a real model's safety layer: a request containing one of
 * a few blocked phrases is refused ({@code CONTENT_REFUSED}, not retryable). It exists so the
 * rest of the system can be tested against refusals, not to moderate anything.
 */
final class ContentPolicy {

  static final List<String> BLOCKED_PHRASES =
      List.of("kill everyone", "build a bomb", "child abuse");

  private ContentPolicy() {}

  static void check(String text) {
    String lower = text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    for (String phrase : BLOCKED_PHRASES) {
      if (lower.contains(phrase)) {
        throw ModelFailureException.contentRefused(
            "the request contains blocked content (\"" + phrase + "\")");
      }
    }
  }
}
