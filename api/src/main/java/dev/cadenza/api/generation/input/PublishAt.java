package dev.cadenza.api.generation.input;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
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
 * it names ({@link #instant}), so the workflow's timer and the output show one form.
 */
@Constraint(validatedBy = PublishAt.Validator.class)
@Target(FIELD)
@Retention(RUNTIME)
public @interface PublishAt {
  int MAX_DAYS = 30;

  String message() default "must be an RFC 3339 date-time";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks {@link PublishAt} against the system clock. */
  class Validator implements ConstraintValidator<PublishAt, String> {
    @Override
    public boolean isValid(String at, ConstraintValidatorContext context) {
      String problem = Times.problem(at, Clock.systemUTC());
      if (problem == null) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      // The message holds no template syntax: it is this class's own text and an instant.
      context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
      return false;
    }
  }

  /** The rule and its reading of a time. */
  final class Times {
    static final Duration MAX_AHEAD = Duration.ofDays(MAX_DAYS);

    /** RFC 3339 section 5.6 {@code date-time}; {@code OffsetDateTime} alone takes no seconds. */
    private static final Pattern RFC_3339 = Pattern.compile(
        "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

    private static final String RULE = "must be an RFC 3339 date-time (e.g. 2026-12-24T18:00:00Z)"
        + " in the future, at most " + MAX_DAYS + " days ahead";

    /** What is wrong with {@code text} as a time to publish at; null when absent or fine. */
    public static String problem(String text, Clock clock) {
      if (text == null) {
        return null;
      }
      Instant at = parse(text);
      if (at == null) {
        return RULE;
      }
      Instant now = clock.instant();
      if (!at.isAfter(now)) {
        return RULE + "; " + at + " has passed";
      }
      if (at.isAfter(now.plus(MAX_AHEAD))) {
        return RULE + "; " + at + " is further ahead";
      }
      return null;
    }

    /** The UTC instant a valid {@code at} names, as stored; null for null. */
    public static String instant(String text) {
      Instant at = text == null ? null : parse(text);
      return at == null ? null : at.toString();
    }

    private static Instant parse(String text) {
      if (!RFC_3339.matcher(text).matches()) {
        return null;
      }
      try {
        return OffsetDateTime.parse(text.toUpperCase(Locale.ROOT)).toInstant();
      } catch (DateTimeException e) {
        return null;
      }
    }

    private Times() {}
  }
}
