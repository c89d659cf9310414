package dev.ticketmigration.accesspatterns;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * One DynamoDB Query on a partition of a table or GSI, following {@code LastEvaluatedKey} until the
 * partition is read: every access pattern is exactly this, never a Scan.
 */
final class PagedQuery {
  private PagedQuery() {}

  /**
   * The items of partition {@code partitionValue} in sort-key order.
   *
   * @param indexName the GSI, or null for the table itself
   * @param pageSize items per page, or null for DynamoDB's 1 MB pages
   * @param consistent strongly consistent read (table only; GSIs are eventually consistent)
   */
  static List<Map<String, AttributeValue>> partition(
      DynamoDbClient client,
      String tableName,
      @Nullable String indexName,
      String partitionKeyAttribute,
      String partitionValue,
      @Nullable Integer pageSize,
      boolean consistent) {
    QueryRequest.Builder request =
        QueryRequest.builder()
            .tableName(tableName)
            .keyConditionExpression("#pk = :pk")
            .expressionAttributeNames(Map.of("#pk", partitionKeyAttribute))
            .expressionAttributeValues(
                Map.of(":pk", AttributeValue.builder().s(partitionValue).build()));
    if (indexName != null) {
      request.indexName(indexName);
    } else if (consistent) {
      request.consistentRead(true);
    }
    if (pageSize != null) {
      request.limit(pageSize);
    }
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    client.queryPaginator(request.build()).items().forEach(items::add);
    return items;
  }
}
