package dev.ticketmigration.transforms;

/**
 * Names of the Beam metrics the migration reports; progress lines, summaries and run reports read
 * them back by these names, so they live in one place.
 */
public final class MetricNames {
  private MetricNames() {}

  public static final String NAMESPACE = "ticket-migration";

  private static final String ROWS_READ = "rows_read.";
  private static final String ITEMS_WRITTEN = "items_written.";
  private static final String REJECTED = "rows_rejected.";

  /** Rows read from a source table. */
  public static String rowsRead(String sourceTable) {
    return ROWS_READ + sourceTable;
  }

  /** Items handed to DynamoDB for a target table, by entity. */
  public static String itemsWritten(String targetTable, String entity) {
    return ITEMS_WRITTEN + targetTable + "." + entity;
  }

  /** Source rows sent to the dead-letter output. */
  public static String rejected(String sourceTable) {
    return REJECTED + sourceTable;
  }

  public static boolean isRowsRead(String name) {
    return name.startsWith(ROWS_READ);
  }

  public static boolean isItemsWritten(String name) {
    return name.startsWith(ITEMS_WRITTEN);
  }

  public static boolean isRejected(String name) {
    return name.startsWith(REJECTED);
  }

  /** The table (and entity) part of a metric name. */
  public static String subject(String name) {
    return name.substring(name.indexOf('.') + 1);
  }
}
