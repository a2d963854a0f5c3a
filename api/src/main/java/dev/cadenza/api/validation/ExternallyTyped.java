package dev.cadenza.api.validation;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A type read as the value of {@link #property}, its subtype chosen by a sibling property ({@code
 * JsonTypeInfo.As.EXTERNAL_PROPERTY}). Jackson leaves that property out of the path of an error
 * inside the value ({@code prompt} rather than {@code input.prompt}); {@code problem/JsonProblems}
 * puts it back, so the 422 names the field as the client wrote it.
 */
@Documented
@Target(TYPE)
@Retention(RUNTIME)
public @interface ExternallyTyped {
  String property();

  /** The sibling property whose value names the subtype. */
  String typeProperty() default "type";
}
