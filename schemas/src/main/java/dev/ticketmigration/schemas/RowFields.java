package dev.ticketmigration.schemas;

import java.math.BigDecimal;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Reads typed fields from a {@link SourceRow} by logical meaning, rejecting the row with a reason
 * naming the column when a value breaks the SPEC's rules.
 */
public final class RowFields {
  private RowFields() {}

  /** An id as plain digits; rejects NULL, negative, fractional and out-of-BIGINT values. */
  public static String id(SourceRow row, String column) {
    String text = row.text(column);
    if (text == null) {
      throw missing(row, column);
    }
    String digits = SourceValues.idDigits(text);
    if (digits == null) {
      throw new RejectedRowException(
          column + " is " + text + ", not a whole number between 0 and 9223372036854775807");
    }
    return digits;
  }

  /** An optional id: null when the column is NULL. */
  public static @Nullable String optionalId(SourceRow row, String column) {
    return row.text(column) == null ? null : id(row, column);
  }

  /** A required string; the empty string is a value, NULL is not. */
  public static String text(SourceRow row, String column) {
    String text = row.text(column);
    if (text == null) {
      throw missing(row, column);
    }
    return text;
  }

  /** A required number, checked against DynamoDB's number limits. */
  public static BigDecimal number(SourceRow row, String column) {
    String text = row.text(column);
    if (text == null) {
      throw missing(row, column);
    }
    BigDecimal value;
    try {
      value = new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new RejectedRowException(column + " is '" + text + "', not a number");
    }
    String problem = DynamoNumbers.problem(value);
    if (problem != null) {
      throw new RejectedRowException(column + " " + text + " " + problem);
    }
    return value;
  }

  /**
   * A required price, a {@link SmallMoney} amount (prices outside it cannot come from the
   * production source), kept to its last decimal.
   */
  public static BigDecimal money(SourceRow row, String column) {
    BigDecimal value = number(row, column);
    String problem = SmallMoney.problem(value);
    if (problem != null) {
      throw new RejectedRowException(column + " " + value.toPlainString() + " " + problem);
    }
    return value;
  }

  /** A required local date-time, already in the SPEC's text form by the reader. */
  public static String dateTime(SourceRow row, String column) {
    String text = text(row, column);
    if (row.kind(column) != SourceRow.Kind.DATETIME) {
      throw new RejectedRowException(column + " is not a date-time column");
    }
    return text;
  }

  private static RejectedRowException missing(SourceRow row, String column) {
    return new RejectedRowException(
        row.has(column) ? column + " is NULL" : "column " + column + " is missing from the source");
  }
}
