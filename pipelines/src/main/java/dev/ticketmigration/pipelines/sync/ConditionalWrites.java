package dev.ticketmigration.pipelines.sync;

import dev.ticketmigration.schemas.Attr;
import dev.ticketmigration.schemas.ItemDigest;
import dev.ticketmigration.schemas.Items;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The sync's writes: single-item puts and deletes, each conditional on the item's {@link
 * Attr#SOURCE_POSITION}, so content rebuilt at an older change-log position never replaces content
 * of a newer one (a redelivered or duplicated change is refused, not applied twice). An item
 * without a position (the bulk copy's, a repair's) is always replaced. BatchWriteItem takes no
 * conditions, hence one request per item.
 */
final class ConditionalWrites {
  /** Passes when the stored item is absent, has no position, or one no newer than ours. */
  static final String NOT_NEWER = "attribute_not_exists(#p) OR #p <= :p";

  private final DynamoDbClient client;
  private final AttributeValue position;
  private final SyncCounters counters;

  ConditionalWrites(DynamoDbClient client, BigInteger position, SyncCounters counters) {
    this.client = client;
    // a DynamoDB number holds 38 digits: an 80-bit SQL Server LSN fits whole
    this.position = AttributeValue.fromN(position.toString());
    this.counters = counters;
  }

  /** Writes {@code item} stamped with the batch's position; false when a newer one is stored. */
  boolean put(String table, Map<String, AttributeValue> item) {
    Map<String, AttributeValue> stamped = new HashMap<>(item);
    stamped.put(Attr.SOURCE_POSITION, position);
    try {
      client.putItem(
          PutItemRequest.builder()
              .tableName(table)
              .item(stamped)
              .conditionExpression(NOT_NEWER)
              .expressionAttributeNames(Map.of("#p", Attr.SOURCE_POSITION))
              .expressionAttributeValues(Map.of(":p", position))
              .build());
      counters.put(table, item);
      return true;
    } catch (ConditionalCheckFailedException e) {
      counters.skippedNewer(table);
      return false;
    }
  }

  /** Deletes the item at {@code key} (PK, SK) unless a newer one is stored. */
  boolean delete(String table, Map<String, AttributeValue> key) {
    try {
      client.deleteItem(
          DeleteItemRequest.builder()
              .tableName(table)
              .key(Map.of(Attr.PK, key.get(Attr.PK), Attr.SK, key.get(Attr.SK)))
              .conditionExpression(NOT_NEWER)
              .expressionAttributeNames(Map.of("#p", Attr.SOURCE_POSITION))
              .expressionAttributeValues(Map.of(":p", position))
              .build());
      counters.deleted(table, key);
      return true;
    } catch (ConditionalCheckFailedException e) {
      counters.skippedNewer(table);
      return false;
    }
  }

  /** Every item under {@code pk}, as stored: a ticket's item and its transfers. */
  List<Map<String, AttributeValue>> itemsUnder(String table, String pk) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      QueryResponse page =
          client.query(
              QueryRequest.builder()
                  .tableName(table)
                  .keyConditionExpression("#pk = :pk")
                  .expressionAttributeNames(Map.of("#pk", Attr.PK))
                  .expressionAttributeValues(Map.of(":pk", Items.s(pk)))
                  // what this sync or the copy wrote last, not an eventually consistent view
                  .consistentRead(true)
                  .exclusiveStartKey(start)
                  .build());
      items.addAll(page.items());
      start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
    } while (start != null && !start.isEmpty());
    return items;
  }

  /** The item stored at {@code key}'s PK and SK (a consistent read), or null. */
  Map<String, AttributeValue> get(String table, Map<String, AttributeValue> key) {
    Map<String, AttributeValue> item =
        client
            .getItem(
                GetItemRequest.builder()
                    .tableName(table)
                    .key(Map.of(Attr.PK, key.get(Attr.PK), Attr.SK, key.get(Attr.SK)))
                    .consistentRead(true)
                    .build())
            .item();
    return item == null || item.isEmpty() ? null : item;
  }

  /** Whether a stored item already holds {@code built}'s content (its position aside). */
  static boolean sameContent(
      Map<String, AttributeValue> stored, Map<String, AttributeValue> built) {
    Map<String, AttributeValue> content = new HashMap<>(stored);
    content.remove(Attr.SOURCE_POSITION);
    return ItemDigest.of(content).equals(ItemDigest.of(built));
  }
}
