package dev.cadenza.api.openapi;

import dev.cadenza.api.validation.Decimal;
import dev.cadenza.api.validation.Text;
import dev.cadenza.api.validation.WholeNumber;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.util.Set;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The bounds of the input records' own constraints, in their schemas: springdoc reads Bean
 * Validation's built-in constraints ({@code @Size}, {@code @Min}) but not these, which check a
 * JSON number of any spelling ({@code 3e1}) and say the rule in the 422's message. Each bound is
 * stated once, on the constraint, and the document follows it.
 */
@Configuration(proxyBeanMethods = false)
class ConstraintSchemas {

  @Bean
  PropertyCustomizer constraintBounds() {
    return (schema, type) -> {
      Annotation[] annotations = type.getCtxAnnotations();
      if (annotations == null) {
        return schema;
      }
      for (Annotation annotation : annotations) {
        switch (annotation) {
          case WholeNumber range -> {
            typed(schema, "integer");
            schema.setMinimum(BigDecimal.valueOf(range.min()));
            // A bound of long's whole range says nothing a client can use (format int64 does).
            if (range.max() != Long.MAX_VALUE) {
              schema.setMaximum(BigDecimal.valueOf(range.max()));
            }
          }
          case Decimal range -> {
            typed(schema, "number");
            schema.setMinimum(new BigDecimal(range.min()));
            schema.setMaximum(new BigDecimal(range.max()));
          }
          case Text text -> schema.setMaxLength(text.max());
          default -> {}
        }
      }
      return schema;
    };
  }

  /** A {@code BigDecimal} field's schema says the JSON type the constraint accepts. */
  private static void typed(Schema<?> schema, String jsonType) {
    schema.setType(jsonType);
    schema.setTypes(Set.of(jsonType));
  }
}
