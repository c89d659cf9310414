package dev.ticketmigration.accesspatterns;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Placeholders for the names and values of one condition or update expression: every name goes
 * through {@code #name} (several attributes, {@code status} among them, are DynamoDB reserved
 * words) and every value through {@code :vN}, so no value is ever spliced into the text.
 */
final class ExpressionPlaceholders {
  private final Map<String, String> names = new HashMap<>();
  private final Map<String, AttributeValue> values = new HashMap<>();

  String name(String attribute) {
    String placeholder = "#" + attribute.replaceAll("[^A-Za-z0-9_]", "_");
    String previous = names.putIfAbsent(placeholder, attribute);
    if (previous != null && !previous.equals(attribute)) {
      throw new IllegalArgumentException(
          "attribute names " + previous + " and " + attribute + " share a placeholder");
    }
    return placeholder;
  }

  String value(AttributeValue value) {
    String placeholder = ":v" + values.size();
    values.put(placeholder, value);
    return placeholder;
  }

  Map<String, String> names() {
    return Map.copyOf(names);
  }

  Map<String, AttributeValue> values() {
    return Map.copyOf(values);
  }
}
