package dev.ticketmigration.accesspatterns;

import dev.ticketmigration.schemas.Attr;
import dev.ticketmigration.schemas.TargetTable;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.checkerframework.checker.nullness.qual.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The read side of one table: the answer in a partition of the table or of one of its GSIs, in
 * {@link IndexOrder}, read {@code pageSize} items per Query page (null: 1 MB pages).
 */
record Partitions(DynamoDbClient client, String tableName, @Nullable Integer pageSize) {

  Partitions {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(tableName, "tableName");
  }

  /** The same reads at most {@code pageSize} items per Query page. */
  Partitions withPageSize(int pageSize) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1, was " + pageSize);
    }
    return new Partitions(client, tableName, pageSize);
  }

  /** The items of table partition {@code pk}, by SK. */
  <T> List<T> table(
      String pk, Function<Map<String, AttributeValue>, T> mapper, Comparator<T> tieBreak) {
    return IndexOrder.fromQuery(query(null, Attr.PK, pk), Attr.SK, mapper, tieBreak);
  }

  /** The items of partition {@code pk} of GSI {@code n}, by the GSI's sort key. */
  <T> List<T> index(
      int n, String pk, Function<Map<String, AttributeValue>, T> mapper, Comparator<T> tieBreak) {
    return IndexOrder.fromQuery(
        query(TargetTable.indexName(n), TargetTable.indexPk(n), pk),
        TargetTable.indexSk(n),
        mapper,
        tieBreak);
  }

  private List<Map<String, AttributeValue>> query(
      @Nullable String indexName, String pkAttribute, String pk) {
    return PagedQuery.partition(client, tableName, indexName, pkAttribute, pk, pageSize, false);
  }
}
