package dev.cadenza.api.validation;

import jakarta.validation.ConstraintValidatorContext;

/** Reports a message worked out at validation time (a range, a URL's problem) as it is. */
final class Violations {

  /** Replaces the constraint's message with {@code message}, taken literally. */
  static boolean report(ConstraintValidatorContext context, String message) {
    context.disableDefaultConstraintViolation();
    context.buildConstraintViolationWithTemplate(literal(message)).addConstraintViolation();
    return false;
  }

  /** Escapes what a message template would interpolate ({@code {}}, {@code ${}}). */
  static String literal(String message) {
    return message
        .replace("\\", "\\\\")
        .replace("{", "\\{")
        .replace("}", "\\}")
        .replace("$", "\\$");
  }

  private Violations() {}
}
