package dev.ticketmigration.accesspatterns;

import dev.ticketmigration.schemas.SourceRow;
import dev.ticketmigration.schemas.SourceTable;
import dev.ticketmigration.schemas.SourceValues;
import dev.ticketmigration.transforms.reading.SourceRowMapper;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Reads result columns into the SPEC's text forms the way the migration reads the source: numbers
 * exact, decoded by the migration's own {@link SourceRowMapper#readNumber} (a DOUBLE through its
 * shortest round-tripping decimal), date-times as local values so the JVM's time zone never shifts
 * them (times in daylight-saving gaps survive), text as stored.
 */
final class ResultColumns {
  private ResultColumns() {}

  static @Nullable String number(ResultSet rs, String column) throws SQLException {
    int i = rs.findColumn(column);
    return SourceRowMapper.readNumber(rs, i, rs.getMetaData().getColumnType(i));
  }

  static String requiredNumber(ResultSet rs, String column) throws SQLException {
    return require(number(rs, column), column);
  }

  static @Nullable String text(ResultSet rs, String column) throws SQLException {
    return rs.getString(column);
  }

  static String requiredText(ResultSet rs, String column) throws SQLException {
    return require(text(rs, column), column);
  }

  /** The current row's columns as an {@link AnswerRow}. */
  static AnswerRow<SQLException> row(ResultSet rs) {
    return (name, isNumber, required) ->
        isNumber
            ? (required ? requiredNumber(rs, name) : number(rs, name))
            : (required ? requiredText(rs, name) : text(rs, name));
  }

  /**
   * The current row as the migration reads it ({@link SourceRowMapper}), as a row of {@code table}.
   */
  static SourceRow sourceRow(ResultSet rs, SourceTable table) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    SourceRow.Builder row = SourceRow.builder(table.tableName());
    for (int c = 1; c <= meta.getColumnCount(); c++) {
      int type = meta.getColumnType(c);
      SourceRow.Kind kind = SourceRowMapper.kindOf(type);
      row.add(meta.getColumnLabel(c), kind, SourceRowMapper.read(rs, c, type, kind));
    }
    return row.build();
  }

  static String dateTime(ResultSet rs, String column) throws SQLException {
    LocalDateTime value = rs.getObject(column, LocalDateTime.class);
    return SourceValues.dateTime(require(value, column));
  }

  static String date(ResultSet rs, String column) throws SQLException {
    LocalDate value = rs.getObject(column, LocalDate.class);
    return SourceValues.date(require(value, column));
  }

  private static <T> T require(@Nullable T value, String column) throws SQLException {
    if (value == null) {
      throw new SQLException("column " + column + " is NULL where the question needs a value");
    }
    return value;
  }
}
