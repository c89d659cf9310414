package dev.ticketmigration.pipelines;

import dev.ticketmigration.schemas.SourceTable;
import dev.ticketmigration.transforms.reading.SourceDatabase;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Checks the source before the pipeline is built, so a wrong URL, password or schema is one clear
 * message instead of a failed job, and finds the id bounds the parallel reads split.
 */
final class SourceInspector implements AutoCloseable {
  private final Connection connection;
  private final SourceDatabase source;

  private SourceInspector(Connection connection, SourceDatabase source) {
    this.connection = connection;
    this.source = source;
  }

  /** The JDBC driver class for the URL, or a message naming the supported databases. */
  static String driverClass(String url) {
    try {
      Driver driver = DriverManager.getDriver(url);
      return driver.getClass().getName();
    } catch (SQLException e) {
      throw new MigrationException(
          "--sourceUrl '"
              + Secrets.redactUrl(url)
              + "' is not a JDBC URL of a supported source: use jdbc:sqlserver:, jdbc:postgresql:,"
              + " jdbc:mariadb: (also for MySQL) or jdbc:h2:");
    }
  }

  static SourceInspector open(
      String url, @Nullable String user, @Nullable String password, SourceDatabase source) {
    // connects the way the pipeline's JdbcIO will: inline secrets out of the URL, as properties
    Secrets.UrlSecrets split = Secrets.splitUrl(url);
    Properties props = Secrets.connectionProperties(split, user, password);
    try {
      Driver driver = DriverManager.getDriver(url);
      Connection c = driver.connect(split.url(), props);
      if (c == null) {
        throw new SQLException("the driver does not accept this URL");
      }
      c.setReadOnly(true);
      return new SourceInspector(c, source);
    } catch (SQLException e) {
      throw new MigrationException(
          "cannot connect to the source database at "
              + Secrets.redactUrl(url)
              + ": "
              + firstLine(e.getMessage())
              + " (check --sourceUrl, --sourceUser and the password)",
          e);
    }
  }

  /** Fails with the names of all DMS_SAMPLE tables the source lacks. */
  void requireTables() {
    List<String> missing = new ArrayList<>();
    for (SourceTable table : SourceTable.values()) {
      try (Statement s = connection.createStatement()) {
        s.executeQuery("SELECT * FROM " + source.qualify(table.tableName()) + " WHERE 1 = 0")
            .close();
      } catch (SQLException e) {
        missing.add(table.tableName());
        rollbackQuietly();
      }
    }
    if (!missing.isEmpty()) {
      String where = source.schema() == null ? "the default schema" : "schema " + source.schema();
      throw new MigrationException(
          "the source has no table "
              + String.join(", ", missing)
              + " in "
              + where
              + ": check --sourceSchema and --sourceUrl");
    }
  }

  /**
   * {@code [min, max]} of a numeric id column as whole numbers (floor and ceiling, so ids stored as
   * DOUBLE or NUMERIC are covered), or null when the column has no values.
   */
  long @Nullable [] idBounds(String table, String column) {
    String sql = "SELECT MIN(" + column + "), MAX(" + column + ") FROM " + source.qualify(table);
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      BigDecimal min = rs.getBigDecimal(1);
      BigDecimal max = rs.getBigDecimal(2);
      if (min == null || max == null) {
        return null;
      }
      return new long[] {
        clamp(min.setScale(0, RoundingMode.FLOOR)), clamp(max.setScale(0, RoundingMode.CEILING))
      };
    } catch (SQLException e) {
      throw new MigrationException(
          "cannot read the id range of " + table + "." + column + ": " + firstLine(e.getMessage()));
    }
  }

  /** False only when the source declares {@code table.column} NOT NULL. */
  boolean mayHoldNull(String table, String column) {
    String sql = "SELECT " + column + " FROM " + source.qualify(table) + " WHERE 1 = 0";
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.getMetaData().isNullable(1) != ResultSetMetaData.columnNoNulls;
    } catch (SQLException e) {
      rollbackQuietly();
      return true; // unknown: read the NULL ids too
    }
  }

  /**
   * True when {@code table.column} is declared with a whole-number type within BIGINT (an integer
   * type, or NUMERIC/DECIMAL without a scale and of at most 18 digits); false when it may hold
   * fractions or wider numbers (DOUBLE, REAL, NUMERIC(p, s > 0), as converted copies store ids) or
   * its type cannot be told.
   */
  boolean holdsWholeNumbers(String table, String column) {
    String sql = "SELECT " + column + " FROM " + source.qualify(table) + " WHERE 1 = 0";
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      switch (meta.getColumnType(1)) {
        case java.sql.Types.TINYINT:
        case java.sql.Types.SMALLINT:
        case java.sql.Types.INTEGER:
        case java.sql.Types.BIGINT:
          return true;
        case java.sql.Types.NUMERIC:
        case java.sql.Types.DECIMAL:
          int precision = meta.getPrecision(1);
          return meta.getScale(1) == 0 && precision > 0 && precision <= 18;
        default:
          return false;
      }
    } catch (SQLException e) {
      rollbackQuietly();
      return false; // unknown: read it as one that may hold fractions
    }
  }

  /** Rows of a table, optionally only those with a non-NULL {@code column}. */
  long count(String table, String nonNullColumn) {
    String what = nonNullColumn == null ? "*" : nonNullColumn;
    String sql = "SELECT COUNT(" + what + ") FROM " + source.qualify(table);
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new MigrationException(
          "cannot count the rows of " + table + ": " + firstLine(e.getMessage()));
    }
  }

  private static long clamp(BigDecimal n) {
    if (n.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      return Long.MAX_VALUE;
    }
    if (n.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0) {
      return Long.MIN_VALUE;
    }
    return n.longValueExact();
  }

  private void rollbackQuietly() {
    try {
      if (!connection.getAutoCommit()) {
        connection.rollback();
      }
    } catch (SQLException ignored) {
      // only clears a failed transaction (PostgreSQL) before the next check
    }
  }

  static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).trim();
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // read-only inspection connection
    }
  }
}
