package dev.cadenza.api.generation;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A {@code publishTo} target's {@code "at"}: an RFC 3339 date-time (seconds and offset required,
 * fractions allowed), after now and at most {@value #MAX_DAYS} days ahead. Kept as the UTC instant
 * it names, so the workflow's timer and the output show one form.
 */
final class PublishTime {
  static final int MAX_DAYS = 30;
  static final Duration MAX_AHEAD = Duration.ofDays(MAX_DAYS);

  /** RFC 3339 section 5.6 {@code date-time}; {@code OffsetDateTime} alone also takes no seconds. */
  private static final Pattern RFC_3339 = Pattern.compile(
      "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

  private static final String RULE = "must be an RFC 3339 date-time (e.g. 2026-12-24T18:00:00Z)"
      + " in the future, at most " + MAX_DAYS + " days ahead";

  private PublishTime() {}

  /** The {@code at} of {@code target} as an instant string, or null when absent or invalid. */
  static String read(InputReader target, Clock clock) {
    if (!target.has("at")) {
      return null;
    }
    String text = target.text("at", 64);
    if (text == null) {
      return null; // not a string: reported by the reader
    }
    Instant at;
    try {
      if (!RFC_3339.matcher(text).matches()) {
        throw new DateTimeException(text);
      }
      at = OffsetDateTime.parse(text.toUpperCase(Locale.ROOT)).toInstant();
    } catch (DateTimeException e) {
      target.reject("at", RULE);
      return null;
    }
    Instant now = clock.instant();
    if (!at.isAfter(now)) {
      target.reject("at", RULE + "; " + at + " has passed");
      return null;
    }
    if (at.isAfter(now.plus(MAX_AHEAD))) {
      target.reject("at", RULE + "; " + at + " is further ahead");
      return null;
    }
    return at.toString();
  }
}
