package dev.ticketmigration.accesspatterns;

import dev.ticketmigration.schemas.Attr;
import java.util.Comparator;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Any config item found by its descriptive name ("anything by name"): which entity, its key and the
 * name. GSI1 orders by PK; items of one PK with the same name go by SK.
 */
public record NamedItem(String entity, String pk, String sk, String name) {

  static final Comparator<NamedItem> TIE_BREAK =
      Comparator.comparing(NamedItem::sk, Utf8Order.COMPARATOR);

  static NamedItem fromItem(Map<String, AttributeValue> item) {
    return new NamedItem(
        ItemValues.requiredText(item, Attr.ENTITY),
        ItemValues.requiredText(item, Attr.PK),
        ItemValues.requiredText(item, Attr.SK),
        ItemValues.requiredText(item, Attr.NAME));
  }
}
