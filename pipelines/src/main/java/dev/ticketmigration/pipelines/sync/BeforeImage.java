package dev.ticketmigration.pipelines.sync;

import dev.ticketmigration.schemas.SourceRow;
import dev.ticketmigration.schemas.SourceTable;
import dev.ticketmigration.schemas.SourceValues;
import dev.ticketmigration.transforms.reading.SourceRowMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;

/**
 * A change's before image (column values as the change log carries them) as a {@link SourceRow}
 * with the text a JDBC read of the same row gives, so that {@link
 * dev.ticketmigration.schemas.ConfigItemBuilder#key} finds the item the row had become. Columns the
 * image lacks are absent.
 */
final class BeforeImage {
  private BeforeImage() {}

  /** Above this a whole-number timestamp counts microseconds, below it milliseconds. */
  private static final long MICROS_FROM = 100_000_000_000_000L;

  static SourceRow row(SourceTable table, Map<String, Object> values) {
    SourceRow.Builder row = SourceRow.builder(table.tableName());
    for (SourceTable.Column column : table.columns()) {
      if (!values.containsKey(column.name())) {
        continue;
      }
      SourceRow.Kind kind = SourceRowMapper.kindOf(column.type().getVendorTypeNumber());
      row.add(column.name(), kind, text(kind, values.get(column.name())));
    }
    return row.build();
  }

  private static String text(SourceRow.Kind kind, Object value) {
    if (value == null) {
      return null;
    }
    return switch (kind) {
      case NUMBER -> SourceValues.decimal(new BigDecimal(value.toString()));
      case DATETIME -> SourceValues.dateTime(dateTime(value));
      case DATE ->
          SourceValues.date(
              value instanceof LocalDate d
                  ? d
                  : value instanceof Date d
                      ? LocalDate.ofInstant(d.toInstant(), ZoneOffset.UTC)
                      : LocalDate.ofEpochDay(((Number) value).longValue()));
      default -> value.toString();
    };
  }

  /** A TIMESTAMP without time zone: the change log gives its wall-clock time as if in UTC. */
  private static LocalDateTime dateTime(Object value) {
    if (value instanceof LocalDateTime local) {
      return local;
    }
    Instant instant;
    if (value instanceof Date d) {
      instant = d.toInstant();
    } else {
      long n = ((Number) value).longValue();
      instant =
          Math.abs(n) >= MICROS_FROM
              ? Instant.EPOCH.plusNanos(Math.multiplyExact(n, 1000L))
              : Instant.ofEpochMilli(n);
    }
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
