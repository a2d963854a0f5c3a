package dev.cadenza.api.validation;

/** Finds the {@link ExternallyTyped} annotation of a type, on it or on an interface of it. */
public final class ExternalTypes {

  /** The property name of {@code type}'s annotation (or its interfaces'); null when none. */
  public static String propertyOf(Class<?> type) {
    ExternallyTyped typed = of(type);
    return typed == null ? null : typed.property();
  }

  /** {@code type}'s annotation, or its interfaces'; null when none. */
  public static ExternallyTyped of(Class<?> type) {
    if (type == null) {
      return null;
    }
    ExternallyTyped typed = type.getAnnotation(ExternallyTyped.class);
    if (typed != null) {
      return typed;
    }
    for (Class<?> face : type.getInterfaces()) {
      ExternallyTyped found = of(face);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private ExternalTypes() {}
}
