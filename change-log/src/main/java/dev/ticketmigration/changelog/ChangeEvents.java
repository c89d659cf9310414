package dev.ticketmigration.changelog;

import dev.ticketmigration.changelog.DirtyKey.Operation;
import dev.ticketmigration.schemas.SourceTable;
import java.math.BigDecimal;
import java.sql.JDBCType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns Debezium's change events into dirty keys. Heartbeats, logical-decoding messages and tables
 * outside DMS_SAMPLE give none.
 */
final class ChangeEvents {
  private ChangeEvents() {}

  static Optional<DirtyKey> dirtyKey(SourceRecord record) {
    if (!(record.value() instanceof Struct value)
        || value.schema().field("op") == null
        || value.schema().field("source") == null) {
      return Optional.empty();
    }
    Operation operation = operation(value.getString("op"));
    Struct source = value.getStruct("source");
    Optional<SourceTable> table =
        source.schema().field("table") == null || source.getString("table") == null
            ? Optional.empty()
            : SourceTable.byName(source.getString("table"));
    if (operation == null || table.isEmpty()) {
      return Optional.empty();
    }
    List<Object> key =
        operation == Operation.TRUNCATE
            ? List.of()
            : key(table.get(), value.getStruct(operation == Operation.DELETE ? "before" : "after"));
    return Optional.of(
        new DirtyKey(table.get(), key, operation, source.getInt64("lsn"), commitTime(source)));
  }

  private static Operation operation(String op) {
    return switch (op) {
      case "c", "r" -> Operation.CREATE;
      case "u" -> Operation.UPDATE;
      case "d" -> Operation.DELETE;
      case "t" -> Operation.TRUNCATE;
      default -> null; // "m": a logical-decoding message, no row
    };
  }

  private static List<Object> key(SourceTable table, Struct row) {
    if (row == null) {
      throw new ChangeLogException(
          "a change of "
              + table.tableName()
              + " carries no row image: keep the table's REPLICA IDENTITY at DEFAULT or FULL");
    }
    List<Object> key = new ArrayList<>();
    for (String column : DirtyKey.keyColumns(table)) {
      Field field = row.schema().field(column);
      Object value = field == null ? null : row.get(field);
      if (value == null) {
        throw new ChangeLogException(
            "a change of "
                + table.tableName()
                + " carries no value for its key column "
                + column
                + ": keep the table's REPLICA IDENTITY at DEFAULT (its primary key) or FULL");
      }
      key.add(normalize(table, column, value));
    }
    return key;
  }

  /** Ids as exact {@link Long}s whatever the physical type (DOUBLE, NUMERIC); text unchanged. */
  private static Object normalize(SourceTable table, String column, Object value) {
    JDBCType type =
        table.columns().stream()
            .filter(c -> c.name().equals(column))
            .findFirst()
            .map(SourceTable.Column::type)
            .orElse(JDBCType.OTHER);
    if (type != JDBCType.INTEGER && type != JDBCType.BIGINT) {
      return value;
    }
    try {
      if (value instanceof Integer || value instanceof Long || value instanceof Short) {
        return ((Number) value).longValue();
      }
      if (value instanceof Double || value instanceof Float) {
        return BigDecimal.valueOf(((Number) value).doubleValue()).longValueExact();
      }
      if (value instanceof BigDecimal decimal) {
        return decimal.longValueExact();
      }
      return new BigDecimal(value.toString()).longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      throw new ChangeLogException(
          table.tableName() + "." + column + " holds '" + value + "', not a whole number", e);
    }
  }

  private static Instant commitTime(Struct source) {
    if (source.schema().field("ts_us") != null && source.getInt64("ts_us") != null) {
      return Instant.EPOCH.plus(source.getInt64("ts_us"), ChronoUnit.MICROS);
    }
    return Instant.ofEpochMilli(source.getInt64("ts_ms"));
  }
}
