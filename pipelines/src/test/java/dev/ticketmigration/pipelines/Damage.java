package dev.ticketmigration.pipelines;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Changes migrated items behind the migration's back, for the verify tests to find. */
final class Damage {
  private Damage() {}

  static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS(sk));
  }

  /** Sets one attribute of the item {@code pk | sk} of {@code table}. */
  static void set(
      DynamoDbClient client,
      String table,
      String pk,
      String sk,
      String attribute,
      AttributeValue value) {
    client.updateItem(
        b ->
            b.tableName(table)
                .key(key(pk, sk))
                .updateExpression("SET #a = :v")
                .expressionAttributeNames(Map.of("#a", attribute))
                .expressionAttributeValues(Map.of(":v", value)));
  }

  /** Puts a person's profile item that no source row stands for. */
  static void putExtraPerson(DynamoDbClient client, String table, String pk) {
    client.putItem(
        b ->
            b.tableName(table)
                .item(
                    Map.of(
                        "PK",
                        AttributeValue.fromS(pk),
                        "SK",
                        AttributeValue.fromS("PROFILE"),
                        "entity",
                        AttributeValue.fromS("PERSON"))));
  }
}
