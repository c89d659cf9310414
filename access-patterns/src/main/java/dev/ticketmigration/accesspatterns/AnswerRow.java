package dev.ticketmigration.accesspatterns;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The named values of one answer row in the SPEC's text forms, whether a returned item's attributes
 * ({@link ItemValues#row}) or a result set's columns ({@link ResultColumns#row}), so a record reads
 * both the same way.
 *
 * @param <E> what reading a value may throw
 */
@FunctionalInterface
interface AnswerRow<E extends Exception> {
  /**
   * The value of {@code name} as text or as a number's text; when {@code required}, a missing one
   * throws instead of answering null.
   */
  @Nullable String value(String name, boolean isNumber, boolean required) throws E;

  default @Nullable String text(String name) throws E {
    return value(name, false, false);
  }

  default String requiredText(String name) throws E {
    return value(name, false, true);
  }

  default @Nullable String number(String name) throws E {
    return value(name, true, false);
  }

  default String requiredNumber(String name) throws E {
    return value(name, true, true);
  }
}
