package dev.cadenza.api.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.cadenza.net.OutboundAddressPolicy;
import dev.cadenza.net.OutboundProperties;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An http(s) URL of at most {@value #MAX} characters that the service may fetch. Addresses the
 * outbound policy refuses outright (IP literals and {@code localhost} inside the service's
 * networks) are reported here; host names are checked again when the URL is fetched.
 */
@Documented
@Constraint(validatedBy = PublicUrl.Validator.class)
@Target({FIELD, TYPE_USE})
@Retention(RUNTIME)
public @interface PublicUrl {
  /** Longest URL accepted in an input. */
  int MAX = 2000;

  String message() default "must be an http(s) URL";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks {@link PublicUrl} with the configured outbound policy. */
  class Validator implements ConstraintValidator<PublicUrl, String> {
    private static final String RULE =
        "must be an http(s) URL of at most " + MAX + " characters to a public host: ";
    private final OutboundAddressPolicy policy;

    /** Outside Spring (a plain validator): public addresses only, the production default. */
    public Validator() {
      this(OutboundAddressPolicy.publicOnly());
    }

    /** In the application: the configured policy (a slice without one gets public only). */
    @Autowired
    public Validator(ObjectProvider<OutboundProperties> outbound) {
      this(outbound.stream()
          .findFirst()
          .map(OutboundProperties::policy)
          .orElseGet(OutboundAddressPolicy::publicOnly));
    }

    Validator(OutboundAddressPolicy policy) {
      this.policy = policy;
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      String text = Text.Validator.problem(value, MAX);
      if (text != null) {
        return Violations.report(context, text);
      }
      if (value == null) {
        return true;
      }
      String problem;
      try {
        problem = policy.quickProblem(new URI(value));
      } catch (URISyntaxException e) {
        problem = "it is not a URL (" + e.getReason() + ")";
      }
      return problem == null || Violations.report(context, RULE + problem);
    }
  }
}
