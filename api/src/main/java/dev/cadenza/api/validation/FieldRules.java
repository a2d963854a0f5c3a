package dev.cadenza.api.validation;

import java.lang.reflect.Field;

/**
 * The rule of a constrained field, for a value of the wrong JSON type: {@code "width": "512"}
 * gets "must be a whole number between 256 and 1536", as {@code "width": 255} would, rather than
 * Jackson's "must be a number".
 */
public final class FieldRules {

  /** The rule of {@code owner}'s field {@code name}; null when it has none of these constraints. */
  public static String of(Class<?> owner, String name) {
    Field field;
    try {
      field = owner.getDeclaredField(name);
    } catch (NoSuchFieldException | SecurityException e) {
      return null;
    }
    WholeNumber whole = field.getAnnotation(WholeNumber.class);
    if (whole != null) {
      return WholeNumber.Validator.rule(whole);
    }
    Decimal decimal = field.getAnnotation(Decimal.class);
    return decimal == null ? null : Decimal.Validator.rule(decimal);
  }

  private FieldRules() {}
}
