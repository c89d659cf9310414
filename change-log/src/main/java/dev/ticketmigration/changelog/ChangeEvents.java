package dev.ticketmigration.changelog;

import dev.ticketmigration.changelog.DirtyKey.Operation;
import dev.ticketmigration.schemas.SourceTable;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.JDBCType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns Debezium's change events into dirty keys. Heartbeats, logical-decoding messages and tables
 * outside DMS_SAMPLE give none. Also reads what else a record tells: the commit position in its
 * offset, and the token of a caught-up marker.
 */
final class ChangeEvents {
  private ChangeEvents() {}

  /**
   * The dirty key of a change event, if it is one.
   *
   * @param fullImages the tables of {@link DirtyKey#BEFORE_IMAGE_TABLES} with {@code REPLICA
   *     IDENTITY FULL}: their before images are whole; the others' hold the key at most
   * @param changePosition the change's own log position from the record's {@code source}
   */
  static Optional<DirtyKey> dirtyKey(
      SourceRecord record, Set<SourceTable> fullImages, ToLongFunction<Struct> changePosition) {
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
    Map<String, Object> before =
        DirtyKey.BEFORE_IMAGE_TABLES.contains(table.get()) && value.schema().field("before") != null
            ? beforeImage(table.get(), value.getStruct("before"), fullImages.contains(table.get()))
            : null;
    return Optional.of(
        new DirtyKey(
            table.get(),
            key,
            operation,
            changePosition.applyAsLong(source),
            commitTime(source),
            before));
  }

  /** The {@code source} block of a change event, if the record is one. */
  static Optional<Struct> source(SourceRecord record) {
    return record.value() instanceof Struct value
            && value.schema().field("op") != null
            && value.schema().field("source") != null
        ? Optional.ofNullable(value.getStruct("source"))
        : Optional.empty();
  }

  /**
   * The content of a logical-decoding message with exactly this prefix ({@code
   * pg_logical_emit_message}), as UTF-8 text; empty for any other record.
   */
  static Optional<String> message(SourceRecord record, String prefix) {
    if (!(record.value() instanceof Struct value)
        || value.schema().field("op") == null
        || !"m".equals(value.getString("op"))
        || value.schema().field("message") == null) {
      return Optional.empty();
    }
    Struct message = value.getStruct("message");
    if (message == null || !prefix.equals(message.getString("prefix"))) {
      return Optional.empty();
    }
    // binary.handling.mode is left at bytes: the content comes as a ByteBuffer or byte[]
    Object content = message.get("content");
    byte[] bytes =
        content instanceof ByteBuffer buffer
            ? bytes(buffer)
            : content instanceof byte[] array ? array : null;
    return bytes == null
        ? Optional.empty()
        : Optional.of(new String(bytes, StandardCharsets.UTF_8));
  }

  /**
   * The row's non-null columns, by name in column order; null without a row. Without {@code REPLICA
   * IDENTITY FULL} the old row pgoutput sends holds the key columns only, and Debezium gives each
   * other NOT NULL column its default or 0 / "" ({@code JdbcValueConverters .convertValue}; a
   * DELETE of a player showed {@code sport_team_id=0}): only the key columns are true then.
   */
  private static Map<String, Object> beforeImage(SourceTable table, Struct row, boolean full) {
    if (row == null) {
      return null;
    }
    Map<String, Object> columns = new LinkedHashMap<>();
    for (Field field : row.schema().fields()) {
      Object value = row.get(field);
      if (value != null && (full || DirtyKey.keyColumns(table).contains(field.name()))) {
        columns.put(field.name(), plain(field.schema().name(), value));
      }
    }
    return columns;
  }

  /**
   * Debezium's temporal encodings as java.time values: a bare number would not say whether it
   * counts days, milliseconds, microseconds or nanoseconds (that follows the column's precision
   * under the default {@code time.precision.mode=adaptive}). Timestamps without time zone are
   * encoded as if in UTC.
   */
  private static Object plain(String semanticType, Object value) {
    if (value instanceof ByteBuffer buffer) {
      return bytes(buffer);
    }
    if (semanticType == null) {
      return value;
    }
    return switch (semanticType) {
      case "io.debezium.time.Date" -> LocalDate.ofEpochDay(((Number) value).longValue());
      case "io.debezium.time.Timestamp" -> utc(Instant.ofEpochMilli(((Number) value).longValue()));
      case "io.debezium.time.MicroTimestamp" ->
          utc(Instant.EPOCH.plus(((Number) value).longValue(), ChronoUnit.MICROS));
      case "io.debezium.time.NanoTimestamp" ->
          utc(Instant.EPOCH.plus(((Number) value).longValue(), ChronoUnit.NANOS));
      default -> value;
    };
  }

  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** A copy: a ByteBuffer is not serializable. */
  static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
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
