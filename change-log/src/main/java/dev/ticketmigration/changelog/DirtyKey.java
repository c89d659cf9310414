package dev.ticketmigration.changelog;

import dev.ticketmigration.schemas.SourceColumns;
import dev.ticketmigration.schemas.SourceTable;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One change read from the source's change log, reduced to what must be rebuilt: the table that
 * changed, the key whose items are now stale, what happened, and where in the log it happened.
 *
 * <p>The key is the ticket id for the two ticket tables (a history row dirties its ticket: the
 * ticket's combined item and its transfer items are rebuilt together) and the table's primary key
 * for every configuration table ({@link SourceTable#keyColumns()}), in the order of {@link
 * #keyColumns(SourceTable)}. Id columns ({@code INTEGER}, {@code BIGINT}) are {@link Long}s,
 * whatever physical type the copy stores them as; text columns are {@link String}s exactly as
 * stored. A {@link Operation#TRUNCATE} has an empty key: the whole table is dirty.
 *
 * @param table the source table the change happened in
 * @param key the key to rebuild, in the order of {@link #keyColumns(SourceTable)}
 * @param operation what happened to the row
 * @param lsn the change's position in the source's write-ahead log
 * @param commitTime when the source committed the change's transaction
 */
public record DirtyKey(
    SourceTable table, List<Object> key, Operation operation, long lsn, Instant commitTime)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** What happened to the row. An update that changes a row's key arrives as DELETE + CREATE. */
  public enum Operation {
    CREATE,
    UPDATE,
    DELETE,
    /** The whole table was emptied; the key is empty. */
    TRUNCATE
  }

  public DirtyKey {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(commitTime, "commitTime");
    key = List.copyOf(key);
    int expected = operation == Operation.TRUNCATE ? 0 : keyColumns(table).size();
    if (key.size() != expected) {
      throw new IllegalArgumentException(
          "a " + operation + " of " + table.tableName() + " has a key of " + expected + " values");
    }
  }

  /**
   * The columns a dirty key of {@code table} holds: the ticket id for the ticket tables, the
   * primary key otherwise.
   */
  public static List<String> keyColumns(SourceTable table) {
    return switch (table) {
      case SPORTING_EVENT_TICKET -> List.of(SourceColumns.ID);
      case TICKET_PURCHASE_HIST -> List.of(SourceColumns.SPORTING_EVENT_TICKET_ID);
      default -> table.keyColumns();
    };
  }

  /** Whether the change dirties a ticket (its {@code ticket_sales} items). */
  public boolean isTicket() {
    return table.kind() == SourceTable.Kind.TICKET;
  }

  /**
   * The ticket whose items must be rebuilt.
   *
   * @throws IllegalStateException for a configuration table's change or a truncate
   */
  public long ticketId() {
    if (!isTicket() || key.isEmpty()) {
      throw new IllegalStateException(
          "a " + operation + " of " + table.tableName() + " names no ticket");
    }
    return (Long) key.get(0);
  }
}
