package dev.cadenza.api.validation;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A request type whose JSON may hold only its own fields: any other is a 422 naming it ({@code
 * input.colour: is not a known field}), so that a misspelt option is never silently ignored. The
 * rest of the API keeps Jackson's leniency (Spring Boot's default), which clients rely on.
 */
@Documented
@Target(TYPE)
@Retention(RUNTIME)
public @interface KnownFieldsOnly {}
