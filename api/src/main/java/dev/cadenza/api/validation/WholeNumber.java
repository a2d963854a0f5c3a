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
import java.math.BigDecimal;

/**
 * A whole number in [{@link #min}, {@link #max}], read as a {@link BigDecimal} so that any JSON
 * spelling of it counts ({@code 30}, {@code 30.0}, {@code 3e1}) and a value beyond {@code long}
 * ({@code 1e400}) is "out of range" rather than a parse failure. The message always says the rule
 * and the range; a value of the wrong JSON type gets the same rule (see {@link #rule}).
 */
@Documented
@Constraint(validatedBy = WholeNumber.Validator.class)
@Target({FIELD, TYPE_USE})
@Retention(RUNTIME)
public @interface WholeNumber {
  long min();

  long max();

  String message() default "must be a whole number";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks {@link WholeNumber}. */
  class Validator implements ConstraintValidator<WholeNumber, BigDecimal> {
    private WholeNumber range;

    @Override
    public void initialize(WholeNumber range) {
      this.range = range;
    }

    @Override
    public boolean isValid(BigDecimal value, ConstraintValidatorContext context) {
      if (value == null) {
        return true;
      }
      if (value.stripTrailingZeros().scale() > 0) {
        return Violations.report(context, "is not a whole number: " + rule(range));
      }
      if (value.compareTo(BigDecimal.valueOf(range.min())) < 0
          || value.compareTo(BigDecimal.valueOf(range.max())) > 0) {
        return Violations.report(context, "is out of range: " + rule(range));
      }
      return true;
    }

    /** {@code must be a whole number between 10 and 240} */
    public static String rule(WholeNumber range) {
      return "must be a whole number between " + range.min() + " and " + range.max();
    }
  }
}
