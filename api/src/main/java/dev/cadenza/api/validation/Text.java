package dev.cadenza.api.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A text field of an input: absent (null), or 1..{@link #max} characters (code points, so an emoji
 * counts once) that are not all blank.
 */
@Documented
@Constraint(validatedBy = Text.Validator.class)
@Target({FIELD, TYPE_USE})
@Retention(RUNTIME)
public @interface Text {
  int max();

  String message() default "must be a non-blank text";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks {@link Text}. */
  class Validator implements ConstraintValidator<Text, String> {
    private int max;

    @Override
    public void initialize(Text text) {
      this.max = text.max();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      String problem = problem(value, max);
      return problem == null || Violations.report(context, problem);
    }

    /** What is wrong with {@code value} as a text of at most {@code max} characters; null if fine. */
    public static String problem(String value, int max) {
      if (value == null) {
        return null;
      }
      if (value.isBlank()) {
        return "must not be blank";
      }
      if (value.codePointCount(0, value.length()) > max) {
        return "must be at most " + max + " characters";
      }
      return null;
    }
  }
}
