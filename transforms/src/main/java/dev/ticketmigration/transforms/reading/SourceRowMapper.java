package dev.ticketmigration.transforms.reading;

import dev.ticketmigration.schemas.SourceRow;
import dev.ticketmigration.schemas.SourceValues;
import dev.ticketmigration.transforms.MetricNames;
import dev.ticketmigration.transforms.Progress;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Maps a JDBC row to a {@link SourceRow} by each column's logical meaning, not its physical type:
 * any numeric type becomes an exact decimal, date-times are read as local values (never through the
 * JVM's time zone), text is kept as stored. A column that cannot be read marks the row with a read
 * error instead of failing the read, so the row reaches the dead-letter output.
 */
public final class SourceRowMapper implements JdbcIO.RowMapper<SourceRow> {
  private static final long serialVersionUID = 1L;

  private final String table;
  private final boolean counted;
  private transient Counter rowsRead;
  // the column layout of the result set being read: looked up once per query, not per row (the
  // drivers' metadata calls cost more than reading the values)
  private transient @Nullable ResultSet layoutOf;
  private transient String[] names;
  private transient int[] types;
  private transient SourceRow.Kind[] kinds;

  public SourceRowMapper(String table) {
    this(table, true);
  }

  private SourceRowMapper(String table, boolean counted) {
    this.table = table;
    this.counted = counted;
  }

  /** A mapper for rows read only to look something up: not counted in metrics or progress. */
  public static SourceRowMapper uncounted(String table) {
    return new SourceRowMapper(table, false);
  }

  @Override
  public SourceRow mapRow(ResultSet rs) throws Exception {
    if (counted) {
      if (rowsRead == null) {
        rowsRead = Metrics.counter(MetricNames.NAMESPACE, MetricNames.rowsRead(table));
      }
      rowsRead.inc();
      Progress.rowRead();
    }
    if (rs != layoutOf) {
      readLayout(rs);
    }
    SourceRow.Builder row = SourceRow.builder(table);
    for (int c = 0; c < names.length; c++) {
      try {
        row.add(names[c], kinds[c], read(rs, c + 1, types[c], kinds[c]));
      } catch (SQLException | RuntimeException e) {
        row.add(names[c], kinds[c], null);
        row.readError("column " + names[c] + " could not be read: " + e.getMessage());
      }
    }
    return row.build();
  }

  private void readLayout(ResultSet rs) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    int n = meta.getColumnCount();
    names = new String[n];
    types = new int[n];
    kinds = new SourceRow.Kind[n];
    for (int c = 0; c < n; c++) {
      names[c] = meta.getColumnLabel(c + 1);
      types[c] = meta.getColumnType(c + 1);
      kinds[c] = kindOf(types[c]);
    }
    layoutOf = rs;
  }

  /** The logical kind of a JDBC column type. */
  public static SourceRow.Kind kindOf(int jdbcType) {
    switch (jdbcType) {
      case Types.TINYINT:
      case Types.SMALLINT:
      case Types.INTEGER:
      case Types.BIGINT:
      case Types.DECIMAL:
      case Types.NUMERIC:
      case Types.REAL:
      case Types.FLOAT:
      case Types.DOUBLE:
      case Types.BIT:
      case Types.BOOLEAN:
        return SourceRow.Kind.NUMBER;
      case Types.TIMESTAMP:
      case Types.TIMESTAMP_WITH_TIMEZONE:
        return SourceRow.Kind.DATETIME;
      case Types.DATE:
        return SourceRow.Kind.DATE;
      default:
        return SourceRow.Kind.STRING;
    }
  }

  /**
   * Column {@code i}'s value as normalized text ({@code kind} is {@code kindOf(type)}), or null.
   * Public so code reading rows outside Beam (the benchmarks' hand-written migrator) decodes values
   * exactly as the pipeline does.
   */
  public static @Nullable String read(ResultSet rs, int i, int type, SourceRow.Kind kind)
      throws SQLException {
    switch (kind) {
      case NUMBER:
        return readNumber(rs, i, type);
      case DATETIME:
        LocalDateTime dt = rs.getObject(i, LocalDateTime.class);
        return dt == null ? null : SourceValues.dateTime(dt);
      case DATE:
        LocalDate d = rs.getObject(i, LocalDate.class);
        return d == null ? null : SourceValues.date(d);
      default:
        return rs.getString(i);
    }
  }

  /**
   * Number column {@code i} of JDBC type {@code type} as exact decimal text, or null. Public so the
   * access patterns' SQL twins read numbers exactly as the migration does.
   */
  public static @Nullable String readNumber(ResultSet rs, int i, int type) throws SQLException {
    switch (type) {
      case Types.BIT:
      case Types.BOOLEAN:
        boolean b = rs.getBoolean(i);
        return rs.wasNull() ? null : (b ? "1" : "0");
      case Types.REAL:
      case Types.FLOAT:
      case Types.DOUBLE:
        // shortest decimal that round-trips the double: 19.99 stays 19.99, 1.0E18 is an integer
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : SourceValues.decimal(BigDecimal.valueOf(v));
      default:
        BigDecimal n = rs.getBigDecimal(i);
        return n == null ? null : SourceValues.decimal(n);
    }
  }
}
