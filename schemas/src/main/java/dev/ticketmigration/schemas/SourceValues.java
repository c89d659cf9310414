package dev.ticketmigration.schemas;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.checkerframework.checker.nullness.qual.Nullable;

/** The SPEC's text forms of source values: exact decimals, ISO-8601 local date-times and dates. */
public final class SourceValues {
  private SourceValues() {}

  private static final DateTimeFormatter TO_SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

  /**
   * A local date-time always with seconds ({@code 2026-05-01T19:05:00}); a fraction is kept only
   * when the source has one, so the text still sorts in time order.
   */
  public static String dateTime(LocalDateTime value) {
    String text = TO_SECONDS.format(value);
    int nanos = value.get(java.time.temporal.ChronoField.NANO_OF_SECOND);
    if (nanos == 0) {
      return text;
    }
    String fraction = String.format("%09d", nanos).replaceAll("0+$", "");
    return text + "." + fraction;
  }

  public static String date(LocalDate value) {
    return value.toString();
  }

  /** The date part of a {@link #dateTime} text. */
  public static String datePart(String dateTime) {
    int t = dateTime.indexOf('T');
    return t < 0 ? dateTime : dateTime.substring(0, t);
  }

  /** An exact decimal as plain text without trailing zeros ({@code 45.5}, {@code 100}). */
  public static String decimal(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0
        ? stripped.toBigIntegerExact().toString()
        : stripped.toPlainString();
  }

  /**
   * The id as plain decimal digits, or null when the text is not a whole number in 0..2^63-1 (ids
   * inside keys are plain digits, SPEC §2).
   */
  public static @Nullable String idDigits(@Nullable String text) {
    if (text == null) {
      return null;
    }
    try {
      BigDecimal n = new BigDecimal(text).stripTrailingZeros();
      if (n.signum() < 0) {
        return null;
      }
      long id = n.longValueExact();
      return Long.toString(id);
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
  }
}
