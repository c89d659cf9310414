package dev.ticketmigration.transforms;

/**
 * Names of the Beam metrics the migration reports; progress lines, summaries and run reports read
 * them back by these names, so they live in one place.
 */
public final class MetricNames {
  private MetricNames() {}

  public static final String NAMESPACE = "ticket-migration";

  private static final String ROWS_READ = "rows_read.";
  public static final String ITEMS_WRITTEN = "items_written";
  public static final String ITEMS_DELETED = "items_deleted";

  /** Plan: items a migration would write, by table and entity. */
  public static final String ITEMS_PLANNED = "items_planned";

  /** Verify: items the source produces, and items the table holds, by entity. */
  public static final String VERIFY_EXPECTED = "verify.expected";

  public static final String VERIFY_ACTUAL = "verify.actual";
  private static final String REJECTED = "rows_rejected.";

  private static final String VERIFY = "verify.";

  /** DynamoDB client: HTTP attempts after the first of a call. */
  public static final String DYNAMODB_RETRIES = "dynamodb.retries";

  /** DynamoDB client: items returned as UnprocessedItems (and re-sent). */
  public static final String DYNAMODB_UNPROCESSED = "dynamodb.unprocessed_items";

  /** DynamoDB client: calls that failed after all retries. */
  public static final String DYNAMODB_FAILED_CALLS = "dynamodb.failed_calls";

  /** Verify: items of a target table found {@code kind} (matched, missing, extra, different...). */
  public static String verified(String kind, String targetTable) {
    return VERIFY + kind + "." + targetTable;
  }

  public static boolean isVerified(String name) {
    return name.startsWith(VERIFY);
  }

  /** Sync: changes applied (dirty keys rebuilt), by source table. */
  public static final String SYNC_CHANGES = "sync.changes_applied";

  /** Sync: writes refused because the item holds a newer change-log position, by target table. */
  public static final String SYNC_SKIPPED_NEWER = "sync.skipped_newer";

  /** Sync: the change-log position of the last batch applied (a gauge). */
  public static final String SYNC_POSITION = "sync.position";

  /** Sync: seconds behind the source's commits when a batch was applied (a distribution, ms). */
  public static final String SYNC_LAG_MILLIS = "sync.lag_ms";

  public static String syncChanges(String sourceTable) {
    return SYNC_CHANGES + "." + sourceTable;
  }

  /** Sync: items rebuilt that already held their content, so not written again. */
  public static final String SYNC_UNCHANGED = "sync.unchanged";

  public static String syncUnchanged(String targetTable) {
    return SYNC_UNCHANGED + "." + targetTable;
  }

  public static String syncSkippedNewer(String targetTable) {
    return SYNC_SKIPPED_NEWER + "." + targetTable;
  }

  /** Rows read from a source table. */
  public static String rowsRead(String sourceTable) {
    return ROWS_READ + sourceTable;
  }

  /** Items handed to DynamoDB for a target table, by entity. */
  public static String itemsWritten(String targetTable, String entity) {
    return ITEMS_WRITTEN + "." + targetTable + "." + entity;
  }

  /** Items deleted from a target table by a repair, by entity. */
  public static String itemsDeleted(String targetTable, String entity) {
    return ITEMS_DELETED + "." + targetTable + "." + entity;
  }

  /** Source rows sent to the dead-letter output. */
  public static String rejected(String sourceTable) {
    return REJECTED + sourceTable;
  }

  public static boolean isRowsRead(String name) {
    return name.startsWith(ROWS_READ);
  }

  public static boolean isItemsWritten(String name) {
    return name.startsWith(ITEMS_WRITTEN + ".");
  }

  public static boolean isItemsDeleted(String name) {
    return name.startsWith(ITEMS_DELETED + ".");
  }

  public static boolean isRejected(String name) {
    return name.startsWith(REJECTED);
  }

  /** The table (and entity) part of a metric name. */
  public static String subject(String name) {
    return name.substring(name.indexOf('.') + 1);
  }
}
