package dev.ticketmigration.schemas;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Checks an item against DynamoDB's limits before it reaches the sink, so a bad item becomes a dead
 * letter instead of failing a whole write batch. Also enforces what the local DynamoDB does not:
 * index key values must be non-empty strings.
 */
public final class ItemValidator {
  private ItemValidator() {}

  static final int MAX_PARTITION_KEY_BYTES = 2048;
  static final int MAX_SORT_KEY_BYTES = 1024;

  /** Why DynamoDB would reject this item, or null when it would accept it. */
  public static @Nullable String problem(Map<String, AttributeValue> item, int indexCount) {
    String p = keyProblem(item, Attr.PK, MAX_PARTITION_KEY_BYTES, true);
    if (p == null) {
      p = keyProblem(item, Attr.SK, MAX_SORT_KEY_BYTES, true);
    }
    for (int i = 1; p == null && i <= indexCount; i++) {
      String pk = TargetTable.indexPk(i);
      String sk = TargetTable.indexSk(i);
      p = keyProblem(item, pk, MAX_PARTITION_KEY_BYTES, false);
      if (p == null) {
        p = keyProblem(item, sk, MAX_SORT_KEY_BYTES, false);
      }
      if (p == null && item.containsKey(pk) != item.containsKey(sk)) {
        p = "has only one of " + pk + " and " + sk;
      }
    }
    if (p == null) {
      long size = ItemSize.of(item);
      if (size > ItemSize.MAX_ITEM_BYTES) {
        p = "is " + size + " bytes, over DynamoDB's item limit of " + ItemSize.MAX_ITEM_BYTES;
      }
    }
    return p == null ? null : "item " + Items.key(item) + " " + p;
  }

  private static @Nullable String keyProblem(
      Map<String, AttributeValue> item, String name, int maxBytes, boolean required) {
    AttributeValue v = item.get(name);
    if (v == null) {
      return required ? "has no " + name : null;
    }
    if (v.s() == null) {
      return "has a non-string " + name;
    }
    if (v.s().isEmpty()) {
      return "has an empty " + name;
    }
    int bytes = v.s().getBytes(StandardCharsets.UTF_8).length;
    if (bytes > maxBytes) {
      return "has a " + name + " of " + bytes + " bytes, over DynamoDB's limit of " + maxBytes;
    }
    return null;
  }
}
