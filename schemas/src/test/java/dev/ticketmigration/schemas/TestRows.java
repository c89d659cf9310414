package dev.ticketmigration.schemas;

import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Source rows for tests, built from a table's columns so only the values are written out. */
final class TestRows {
  private TestRows() {}

  /**
   * A row of {@code table} with {@code values} in DDL order (null for SQL NULL), each column of the
   * kind the migration reads it as; the builder takes further (joined) columns.
   */
  static SourceRow.Builder of(SourceTable table, @Nullable String... values) {
    List<SourceTable.Column> columns = table.columns();
    if (values.length != columns.size()) {
      throw new IllegalArgumentException(
          table + " has " + columns.size() + " columns, not " + values.length);
    }
    SourceRow.Builder row = SourceRow.builder(table.tableName());
    for (int i = 0; i < values.length; i++) {
      row.add(columns.get(i).name(), kind(columns.get(i)), values[i]);
    }
    return row;
  }

  private static SourceRow.Kind kind(SourceTable.Column column) {
    return switch (column.type()) {
      case INTEGER, BIGINT, DECIMAL -> SourceRow.Kind.NUMBER;
      case TIMESTAMP -> SourceRow.Kind.DATETIME;
      case DATE -> SourceRow.Kind.DATE;
      default -> SourceRow.Kind.STRING;
    };
  }
}
