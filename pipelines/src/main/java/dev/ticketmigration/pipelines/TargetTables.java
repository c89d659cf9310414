package dev.ticketmigration.pipelines;

import dev.ticketmigration.schemas.Attr;
import dev.ticketmigration.schemas.TargetTable;
import dev.ticketmigration.transforms.writing.DynamoTarget;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Makes sure both target tables exist with the SPEC's keys and indexes before anything is written:
 * creates missing ones when allowed, and refuses tables whose keys differ.
 */
final class TargetTables {
  private TargetTables() {}

  static void validatePrefix(String prefix) {
    if (prefix != null && !TargetTable.isValidPrefix(prefix)) {
      throw new MigrationException(
          "--tablePrefix '"
              + prefix
              + "' has characters DynamoDB table names cannot hold: use "
              + TargetTable.PREFIX_RULE);
    }
  }

  /** Some work with a DynamoDB client of the target. */
  interface ClientWork {
    void run(DynamoDbClient client);
  }

  /**
   * Runs {@code work} with a client of {@code target}; the SDK's failures become one line naming
   * the target: unreachable or without credentials, or refusing {@code what} ({@code hint} says
   * what to check, may be empty).
   */
  static void call(DynamoTarget target, String what, String hint, ClientWork work) {
    try (DynamoDbClient client = target.newClient()) {
      work.run(client);
    } catch (SdkClientException e) {
      throw new MigrationException(
          "DynamoDB at "
              + target.describe()
              + " is unreachable or has no credentials: "
              + SourceInspector.firstLine(e.getMessage())
              + " (check --dynamoEndpoint, --dynamoRegion and the AWS credentials)",
          e);
    } catch (SdkException e) {
      throw new MigrationException(
          "DynamoDB at "
              + target.describe()
              + " refused the "
              + what
              + ": "
              + SourceInspector.firstLine(e.getMessage())
              + hint,
          e);
    }
  }

  /** Checks (and, when {@code create}, creates) both tables; returns the names created. */
  static List<String> ensure(DynamoTarget target, boolean create) {
    List<String> created = new java.util.ArrayList<>();
    call(
        target,
        "table check",
        "",
        client -> {
          for (TargetTable table : TargetTable.values()) {
            String name = table.tableName(target.tablePrefix());
            TableDescription existing = describe(client, name);
            if (existing == null) {
              if (!create) {
                throw new MigrationException(
                    "target table "
                        + name
                        + " does not exist in "
                        + target.describe()
                        + ": create it or run with --createTables=true");
              }
              client.createTable(table.createTableRequest(target.tablePrefix()));
              client.waiter().waitUntilTableExists(b -> b.tableName(name));
              created.add(name);
            } else {
              checkShape(table, name, existing);
            }
          }
        });
    return created;
  }

  private static TableDescription describe(DynamoDbClient client, String name) {
    try {
      DescribeTableResponse response = client.describeTable(b -> b.tableName(name));
      return response.table();
    } catch (ResourceNotFoundException e) {
      return null;
    }
  }

  private static void checkShape(TargetTable table, String name, TableDescription existing) {
    if (!isPkSk(existing.keySchema(), Attr.PK, Attr.SK)) {
      throw new MigrationException(
          "target table "
              + name
              + " has the key schema "
              + describeKeys(existing.keySchema())
              + ", not PK (HASH) + SK (RANGE): use another --tablePrefix or drop the table");
    }
    Set<String> have = new TreeSet<>();
    for (GlobalSecondaryIndexDescription gsi : existing.globalSecondaryIndexes()) {
      int n = table.indexNames().indexOf(gsi.indexName()) + 1;
      if (n > 0 && isPkSk(gsi.keySchema(), TargetTable.indexPk(n), TargetTable.indexSk(n))) {
        have.add(gsi.indexName());
      }
    }
    Set<String> missing = new TreeSet<>(table.indexNames());
    missing.removeAll(have);
    if (!missing.isEmpty()) {
      throw new MigrationException(
          "target table "
              + name
              + " lacks the index(es) "
              + String.join(", ", missing)
              + " with the SPEC's keys: use another --tablePrefix or drop the table");
    }
  }

  private static boolean isPkSk(List<KeySchemaElement> keys, String hash, String range) {
    return keys.size() == 2
        && keys.stream()
            .anyMatch(k -> k.keyType() == KeyType.HASH && k.attributeName().equals(hash))
        && keys.stream()
            .anyMatch(k -> k.keyType() == KeyType.RANGE && k.attributeName().equals(range));
  }

  private static String describeKeys(List<KeySchemaElement> keys) {
    return keys.stream()
        .map(k -> k.attributeName() + " (" + k.keyType() + ")")
        .reduce((a, b) -> a + " + " + b)
        .orElse("(none)");
  }
}
