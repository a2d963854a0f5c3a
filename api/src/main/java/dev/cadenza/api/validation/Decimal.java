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
 * A number in [{@link #min}, {@link #max}] (decimal strings, so that the bounds are exact: {@code
 * "0.001"}). Read as a {@link BigDecimal}, so {@code 1e400} is out of range, not infinite.
 */
@Documented
@Constraint(validatedBy = Decimal.Validator.class)
@Target({FIELD, TYPE_USE})
@Retention(RUNTIME)
public @interface Decimal {
  String min();

  String max();

  String message() default "must be a number";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks {@link Decimal}. */
  class Validator implements ConstraintValidator<Decimal, BigDecimal> {
    private Decimal range;

    @Override
    public void initialize(Decimal range) {
      this.range = range;
    }

    @Override
    public boolean isValid(BigDecimal value, ConstraintValidatorContext context) {
      if (value == null
          || value.compareTo(new BigDecimal(range.min())) >= 0
              && value.compareTo(new BigDecimal(range.max())) <= 0) {
        return true;
      }
      return Violations.report(context, "is out of range: " + rule(range));
    }

    /** {@code must be a number between 1 and 20} */
    public static String rule(Decimal range) {
      return "must be a number between " + range.min() + " and " + range.max();
    }
  }
}
