package dev.ticketmigration.testdata;

import dev.ticketmigration.schemas.SourceTable;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Digests of the source tables that compare equal across databases when the rows are equal. Each
 * value is written as text that does not depend on the physical type: numbers through {@code
 * BigDecimal.stripTrailingZeros().toPlainString()} (so 45.5000 in NUMERIC(10,4) and 45.5 in
 * NUMERIC(8,2) agree), date-times as ISO-8601 with seconds, dates as ISO-8601, text as is. Row
 * hashes are added up, so the digest does not depend on row order, which differs between the
 * databases' collations.
 */
public final class TableDigest {
  private static final DateTimeFormatter ISO_WITH_SECONDS = DateTimeFormatter.ISO_LOCAL_DATE_TIME;
  private static final int FETCH_SIZE = 10_000;

  private TableDigest() {}

  /** Digest per table, every table in foreign-key order. */
  public static Map<String, String> digestAll(
      Connection connection, Dialect dialect, String schemaOrNull) throws SQLException {
    Map<String, String> digests = new LinkedHashMap<>();
    for (SourceTable table : SourceTable.values()) {
      digests.put(table.tableName(), digest(connection, dialect, schemaOrNull, table));
    }
    return Collections.unmodifiableMap(digests);
  }

  /**
   * {@code <rows>:<hash>}: the row count and the sum of the rows' 128-bit hashes. A row is hashed
   * as each value's length, a colon and its text (a null as {@code -}), so no value can be mistaken
   * for two or for a null.
   */
  public static String digest(
      Connection connection, Dialect dialect, String schemaOrNull, SourceTable table)
      throws SQLException {
    MessageDigest sha256 = sha256();
    StringBuilder canonical = new StringBuilder();
    long[] sums = new long[2];
    long[] rows = {0};
    scan(
        connection,
        dialect,
        schemaOrNull,
        table,
        values -> {
          canonical.setLength(0);
          for (String value : values) {
            canonical.append(value == null ? "-" : value.length() + ":" + value).append(';');
          }
          ByteBuffer hash =
              ByteBuffer.wrap(sha256.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
          sums[0] += hash.getLong();
          sums[1] += hash.getLong();
          rows[0]++;
        });
    return String.format("%d:%016x%016x", rows[0], sums[0], sums[1]);
  }

  /**
   * The table's rows in the digest's text form, values joined by {@code |}, nulls shown as {@code
   * NULL}, sorted; for showing differences in tests, so only for small tables.
   */
  public static List<String> rows(
      Connection connection, Dialect dialect, String schemaOrNull, SourceTable table)
      throws SQLException {
    List<String> rows = new ArrayList<>();
    scan(
        connection,
        dialect,
        schemaOrNull,
        table,
        values ->
            rows.add(
                Arrays.stream(values)
                    .map(value -> value == null ? "NULL" : value)
                    .collect(Collectors.joining("|"))));
    Collections.sort(rows);
    return rows;
  }

  /** Streams the rows, each as its values' text in column order. */
  private static void scan(
      Connection connection,
      Dialect dialect,
      String schemaOrNull,
      SourceTable table,
      Consumer<String[]> rowConsumer)
      throws SQLException {
    List<SourceTable.Column> columns = table.columns();
    String sql =
        "SELECT "
            + String.join(", ", table.columnNames())
            + " FROM "
            + dialect.qualify(schemaOrNull, table.tableName());
    // PostgreSQL streams only inside a transaction; a caller's own transaction is left alone.
    boolean autoCommit = connection.getAutoCommit();
    if (autoCommit) {
      connection.setAutoCommit(false);
    }
    try (Statement statement = connection.createStatement()) {
      statement.setFetchSize(FETCH_SIZE);
      try (ResultSet rs = statement.executeQuery(sql)) {
        while (rs.next()) {
          String[] values = new String[columns.size()];
          for (int i = 0; i < values.length; i++) {
            values[i] = text(rs, i + 1, columns.get(i));
          }
          rowConsumer.accept(values);
        }
      }
    } finally {
      if (autoCommit) {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    }
  }

  private static String text(ResultSet rs, int index, SourceTable.Column column)
      throws SQLException {
    return switch (column.type()) {
      case INTEGER, BIGINT, DECIMAL -> {
        BigDecimal number = rs.getBigDecimal(index);
        yield number == null ? null : number.stripTrailingZeros().toPlainString();
      }
      case TIMESTAMP -> {
        LocalDateTime dateTime = rs.getObject(index, LocalDateTime.class);
        yield dateTime == null ? null : ISO_WITH_SECONDS.format(dateTime);
      }
      case DATE -> {
        LocalDate date = rs.getObject(index, LocalDate.class);
        yield date == null ? null : date.toString();
      }
      default -> rs.getString(index);
    };
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
