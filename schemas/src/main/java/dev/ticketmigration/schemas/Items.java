package dev.ticketmigration.schemas;

import java.math.BigDecimal;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Small constructors for attribute values, so numbers always go through exact decimal text. */
public final class Items {
  private Items() {}

  public static AttributeValue s(String value) {
    return AttributeValue.builder().s(value).build();
  }

  /** A number from decimal digits, never through a binary float. */
  public static AttributeValue n(String digits) {
    return AttributeValue.builder().n(digits).build();
  }

  public static AttributeValue n(BigDecimal value) {
    return n(SourceValues.decimal(value));
  }

  public static AttributeValue n(long value) {
    return n(Long.toString(value));
  }

  /** The item's entity, or an empty string when it has none. */
  public static String entity(Map<String, AttributeValue> item) {
    AttributeValue v = item.get(Attr.ENTITY);
    return v == null || v.s() == null ? "" : v.s();
  }

  /** {@code PK|SK} of an item, for logs and collision checks (never the whole item). */
  public static String key(Map<String, AttributeValue> item) {
    return text(item, Attr.PK) + " | " + text(item, Attr.SK);
  }

  private static String text(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? "<none>" : v.s();
  }
}
