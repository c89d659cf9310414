package dev.ticketmigration.testdata;

import dev.ticketmigration.schemas.SourceTable;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.JDBCType;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Inserts rows into the source tables through one prepared statement per table, in JDBC batches.
 * Every {@code batchSize} rows it executes the pending batches in foreign-key order (parents first,
 * so each statement finds the rows it references) and commits. The connection must have autocommit
 * off.
 */
final class BatchInserter implements AutoCloseable {
  private final Connection connection;
  private final Dialect dialect;
  private final String schema;
  private final int batchSize;
  private final Map<SourceTable, PreparedStatement> statements = new EnumMap<>(SourceTable.class);
  private final EnumSet<SourceTable> pendingTables = EnumSet.noneOf(SourceTable.class);
  private final long[] rowCounts = new long[SourceTable.values().length];
  private int pendingRows;

  BatchInserter(Connection connection, Dialect dialect, String schema, int batchSize) {
    this.connection = connection;
    this.dialect = dialect;
    this.schema = schema;
    this.batchSize = batchSize;
  }

  /** Adds one row; {@code values} follow {@link SourceTable#columnNames()}, null for SQL NULL. */
  void add(SourceTable table, Object... values) throws SQLException {
    List<SourceTable.Column> columns = table.columns();
    if (values.length != columns.size()) {
      throw new IllegalArgumentException(
          table.tableName()
              + " has "
              + columns.size()
              + " columns, got "
              + values.length
              + " values");
    }
    PreparedStatement statement = statement(table);
    for (int i = 0; i < values.length; i++) {
      bind(statement, i + 1, columns.get(i).type(), values[i]);
    }
    statement.addBatch();
    rowCounts[table.ordinal()]++;
    pendingTables.add(table);
    if (++pendingRows >= batchSize) {
      flush();
    }
  }

  /**
   * Executes what is pending, parents first (EnumSet iterates in foreign-key order), and commits.
   */
  void flush() throws SQLException {
    for (SourceTable table : pendingTables) {
      statements.get(table).executeBatch();
    }
    connection.commit();
    pendingTables.clear();
    pendingRows = 0;
  }

  /** Rows added per table, every table in foreign-key order. */
  Map<String, Long> rowCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (SourceTable table : SourceTable.values()) {
      counts.put(table.tableName(), rowCounts[table.ordinal()]);
    }
    return Collections.unmodifiableMap(counts);
  }

  /** Closes the statements; rows not yet flushed are dropped. */
  @Override
  public void close() throws SQLException {
    SQLException first = null;
    for (PreparedStatement statement : statements.values()) {
      try {
        statement.close();
      } catch (SQLException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private PreparedStatement statement(SourceTable table) throws SQLException {
    PreparedStatement statement = statements.get(table);
    if (statement == null) {
      List<String> names = table.columnNames();
      String sql =
          "INSERT INTO "
              + dialect.qualify(schema, table.tableName())
              + " ("
              + String.join(", ", names)
              + ") VALUES ("
              + names.stream().map(name -> "?").collect(Collectors.joining(", "))
              + ")";
      statement = connection.prepareStatement(sql);
      statements.put(table, statement);
    }
    return statement;
  }

  /**
   * Binds by the column's logical type. Date-times go in as {@code LocalDateTime}, never {@code
   * java.sql.Timestamp}: no time zone of this JVM can shift them or trip on a gap.
   */
  private static void bind(PreparedStatement statement, int index, JDBCType type, Object value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, type.getVendorTypeNumber());
      return;
    }
    switch (type) {
      case INTEGER -> statement.setInt(index, (Integer) value);
      case BIGINT -> statement.setLong(index, (Long) value);
      case VARCHAR -> statement.setString(index, (String) value);
      case DECIMAL -> statement.setBigDecimal(index, (BigDecimal) value);
      case TIMESTAMP, DATE -> statement.setObject(index, value);
      default -> throw new IllegalArgumentException("unexpected column type " + type);
    }
  }
}
