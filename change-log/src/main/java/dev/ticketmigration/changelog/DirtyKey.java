package dev.ticketmigration.changelog;

import dev.ticketmigration.schemas.SourceColumns;
import dev.ticketmigration.schemas.SourceTable;
import java.io.Serializable;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * <p>The before image ({@link #before}) is kept for the tables of {@link #BEFORE_IMAGE_TABLES}
 * only: their items are keyed by non-key columns, so an UPDATE or DELETE must tell the item's old
 * key. It holds the non-null columns of the row as it was, when the change carries it: UPDATE and
 * DELETE under {@code REPLICA IDENTITY FULL}. Under the default replica identity a DELETE (also the
 * one a key change makes) carries the key columns only, and an UPDATE none (null); which tables are
 * FULL is read when the reader starts, so a table altered later gives whole images from the next
 * start. Values: text as {@link String}; {@code INTEGER} as {@link Integer} and {@code BIGINT} as
 * {@link Long} (not normalized like {@link #key}); {@code NUMERIC} as its {@link String} (the
 * reader asks for {@code decimal.handling.mode=string}); {@code DATE} as {@link
 * java.time.LocalDate} and {@code TIMESTAMP} as {@link java.time.LocalDateTime}. Debezium sends
 * those two as epoch days and as epoch milliseconds, microseconds or nanoseconds by the column's
 * precision ({@code io.debezium.time.Date}, {@code Timestamp}, {@code MicroTimestamp}, {@code
 * NanoTimestamp}: a bare number would not say which), so they are converted here; any other type
 * comes as Kafka Connect gives it.
 *
 * @param table the source table the change happened in
 * @param key the key to rebuild, in the order of {@link #keyColumns(SourceTable)}
 * @param operation what happened to the row
 * @param lsn the log position of the change's own record: it orders the changes of one transaction,
 *     but it is <em>not</em> monotone in delivery order (transactions are delivered in commit
 *     order, and one that began earlier has lower change positions); use {@link
 *     ChangeBatch#position} to order rebuilds
 * @param commitTime when the source committed the change's transaction
 * @param before the row's non-null columns before the change, by column name, for the tables of
 *     {@link #BEFORE_IMAGE_TABLES} when the change carries them; null otherwise
 */
public record DirtyKey(
    SourceTable table,
    List<Object> key,
    Operation operation,
    long lsn,
    Instant commitTime,
    Map<String, Object> before)
    implements Serializable {

  private static final long serialVersionUID = 2L;

  /**
   * The configuration tables whose item key uses non-key columns ({@code ConfigItemBuilder.key}): a
   * change of one of them carries its before image, which needs {@code REPLICA IDENTITY FULL}
   * ({@link ChangeLogReader#tablesWithoutFullReplicaIdentity}).
   */
  public static final List<SourceTable> BEFORE_IMAGE_TABLES =
      List.of(
          SourceTable.SPORT_LEAGUE,
          SourceTable.SPORT_TEAM,
          SourceTable.PLAYER,
          SourceTable.SPORTING_EVENT);

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
    // column order kept; unmodifiable and serializable
    before = before == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(before));
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
