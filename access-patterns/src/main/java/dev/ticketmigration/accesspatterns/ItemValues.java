package dev.ticketmigration.accesspatterns;

import dev.ticketmigration.schemas.Items;
import dev.ticketmigration.schemas.SourceValues;
import java.math.BigDecimal;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads attributes of a returned item in the SPEC's text forms, so DynamoDB answers compare equal
 * to SQL answers: numbers as exact decimal text without trailing zeros, strings as stored.
 */
final class ItemValues {
  private ItemValues() {}

  /** A string attribute, or null when absent. */
  static @Nullable String text(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  /** A string attribute that must be there. */
  static String requiredText(Map<String, AttributeValue> item, String name) {
    return require(text(item, name), item, name);
  }

  /** A number attribute as exact decimal text, or null when absent. */
  static @Nullable String number(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.n() == null ? null : decimal(v.n());
  }

  /** A number attribute that must be there. */
  static String requiredNumber(Map<String, AttributeValue> item, String name) {
    return require(number(item, name), item, name);
  }

  /** The item's attributes as an {@link AnswerRow}. */
  static AnswerRow<RuntimeException> row(Map<String, AttributeValue> item) {
    return (name, isNumber, required) ->
        isNumber
            ? (required ? requiredNumber(item, name) : number(item, name))
            : (required ? requiredText(item, name) : text(item, name));
  }

  /** Normalizes number text ({@code 45.50} and {@code 45.5} are one DynamoDB number). */
  static String decimal(String number) {
    return SourceValues.decimal(new BigDecimal(number));
  }

  private static String require(
      @Nullable String value, Map<String, AttributeValue> item, String name) {
    if (value == null) {
      throw new IllegalStateException(
          "item " + Items.key(item) + " has no attribute " + name + " of the expected type");
    }
    return value;
  }
}
