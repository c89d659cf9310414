package dev.ticketmigration.schemas;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The two target tables and their indexes (SPEC §2): every key attribute is a string; every GSI
 * projects all attributes so each access pattern is answered by the index alone.
 */
public enum TargetTable {
  TICKET_SALES("ticket_sales", 4),
  CONFIG("config", 3);

  /**
   * A table-name prefix holds only the characters DynamoDB table names may (the prefix is part of
   * every table's name) and leaves room for the longest name within DynamoDB's 255.
   */
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.-]{0,200}");

  /** The prefix rule as users read it in messages. */
  public static final String PREFIX_RULE = "letters, digits, '_', '-' and '.', at most 200";

  private final String baseName;
  private final int indexCount;

  TargetTable(String baseName, int indexCount) {
    this.baseName = baseName;
    this.indexCount = indexCount;
  }

  /** The SPEC's table name, without any prefix. */
  public String baseName() {
    return baseName;
  }

  /** The physical table name: the SPEC's name behind an optional prefix. */
  public String tableName(String prefix) {
    return (prefix == null ? "" : prefix) + baseName;
  }

  /** Whether {@code prefix} may stand before the SPEC's table names. */
  public static boolean isValidPrefix(String prefix) {
    return prefix != null && PREFIX.matcher(prefix).matches();
  }

  /** Index names, {@code GSI1} onwards. */
  public List<String> indexNames() {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= indexCount; i++) {
      names.add(indexName(i));
    }
    return names;
  }

  public static String indexName(int n) {
    return "GSI" + n;
  }

  public static String indexPk(int n) {
    return "GSI" + n + "_PK";
  }

  public static String indexSk(int n) {
    return "GSI" + n + "_SK";
  }

  /** The request that creates this table with on-demand billing. */
  public CreateTableRequest createTableRequest(String prefix) {
    List<AttributeDefinition> attributes = new ArrayList<>();
    attributes.add(stringAttribute(Attr.PK));
    attributes.add(stringAttribute(Attr.SK));
    List<GlobalSecondaryIndex> indexes = new ArrayList<>();
    for (int i = 1; i <= indexCount; i++) {
      attributes.add(stringAttribute(indexPk(i)));
      attributes.add(stringAttribute(indexSk(i)));
      indexes.add(
          GlobalSecondaryIndex.builder()
              .indexName(indexName(i))
              .keySchema(keySchema(indexPk(i), indexSk(i)))
              .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
              .build());
    }
    return CreateTableRequest.builder()
        .tableName(tableName(prefix))
        .attributeDefinitions(attributes)
        .keySchema(keySchema(Attr.PK, Attr.SK))
        .globalSecondaryIndexes(indexes)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .build();
  }

  private static AttributeDefinition stringAttribute(String name) {
    return AttributeDefinition.builder()
        .attributeName(name)
        .attributeType(ScalarAttributeType.S)
        .build();
  }

  private static List<KeySchemaElement> keySchema(String hash, String range) {
    return List.of(
        KeySchemaElement.builder().attributeName(hash).keyType(KeyType.HASH).build(),
        KeySchemaElement.builder().attributeName(range).keyType(KeyType.RANGE).build());
  }
}
