package dev.ticketmigration.testdata;

import dev.ticketmigration.schemas.SourceTable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh, uniquely named place for the source tables on one local server, dropped on close: a
 * schema {@code td_<random>} on PostgreSQL, a database {@code td_<random>} on MariaDB, a new
 * in-memory database (tables in schema {@code dms_sample}) on H2. Server URLs can be overridden
 * with {@code -Dtd.postgresql.url=...} and {@code -Dtd.mariadb.url=...}.
 */
final class ScratchDatabase implements AutoCloseable {
  final Dialect dialect;
  final Connection connection;
  final String schema;

  private ScratchDatabase(Dialect dialect, Connection connection, String schema) {
    this.dialect = dialect;
    this.connection = connection;
    this.schema = schema;
  }

  static ScratchDatabase open(Dialect dialect) throws SQLException {
    String name = "td_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    return switch (dialect) {
      case H2 ->
          new ScratchDatabase(
              dialect, DriverManager.getConnection("jdbc:h2:mem:" + name), "dms_sample");
      case POSTGRESQL ->
          new ScratchDatabase(
              dialect,
              DriverManager.getConnection(
                  System.getProperty(
                      "td.postgresql.url",
                      "jdbc:postgresql://127.0.0.1:5432/test?reWriteBatchedInserts=true"),
                  System.getProperty("td.postgresql.user", "postgres"),
                  ""),
              name);
      case MARIADB ->
          new ScratchDatabase(
              dialect,
              DriverManager.getConnection(
                  System.getProperty("td.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/test"),
                  System.getProperty("td.mariadb.user", "root"),
                  ""),
              name);
      case SQLSERVER -> throw new IllegalArgumentException("no SQL Server to test against");
    };
  }

  /** Creates the tables and fills them. */
  GenerationResult load(DataGenerator generator) throws SQLException {
    SourceSchema.create(connection, dialect, schema);
    return generator.generate(connection, dialect, schema);
  }

  String table(SourceTable table) {
    return dialect.qualify(schema, table.tableName());
  }

  @Override
  public void close() throws SQLException {
    try (connection;
        Statement statement = connection.createStatement()) {
      switch (dialect) {
        case POSTGRESQL -> statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        case MARIADB -> statement.execute("DROP DATABASE IF EXISTS " + schema);
        default -> {} // the in-memory database ends with its connection
      }
    }
  }
}
