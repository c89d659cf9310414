package dev.ticketmigration.pipelines;

import dev.ticketmigration.schemas.SourceTable;
import dev.ticketmigration.testdata.DataGenerator;
import dev.ticketmigration.testdata.Dialect;
import dev.ticketmigration.testdata.SourceSchema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A unique, empty schema on one of the real sources (H2 in memory, the local PostgreSQL or
 * MariaDB), dropped on close, so tests never see each other's rows.
 */
record TestSource(String url, String user, String schema, Dialect dialect)
    implements AutoCloseable {

  /** The sources every test suite runs against. */
  enum Kind {
    H2,
    POSTGRESQL,
    MARIADB
  }

  static TestSource create(Kind kind) throws Exception {
    String name = "mig_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    switch (kind) {
      case H2:
        return new TestSource("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", null, Dialect.H2);
      case POSTGRESQL:
        {
          TestSource s =
              new TestSource(
                  "jdbc:postgresql://127.0.0.1:5432/test", "postgres", name, Dialect.POSTGRESQL);
          s.exec("CREATE SCHEMA " + name);
          return s;
        }
      default:
        {
          TestSource s =
              new TestSource("jdbc:mariadb://127.0.0.1:3306/test", "root", name, Dialect.MARIADB);
          s.exec("CREATE DATABASE " + name);
          return s;
        }
    }
  }

  /** Creates the DMS_SAMPLE tables and fills them with about {@code tickets} tickets. */
  TestSource generate(long tickets, long seed) throws Exception {
    try (Connection c = connect()) {
      SourceSchema.create(c, dialect, schema);
      DataGenerator.forTickets(tickets, seed).generate(c, dialect, schema);
    }
    return this;
  }

  Connection connect() throws Exception {
    return DriverManager.getConnection(url, user, "");
  }

  /** {@code schema.table}, or the table alone on H2. */
  String table(String table) {
    return schema == null ? table : schema + "." + table;
  }

  /**
   * The statements that create {@code copy} as a copy of every source table: the rows, without
   * keys, for a test to break rules the source's constraints would keep.
   */
  List<String> copySql(String copy) {
    List<String> sql = new ArrayList<>(List.of("CREATE SCHEMA " + copy));
    for (SourceTable t : SourceTable.values()) {
      sql.add(
          "CREATE TABLE "
              + copy
              + "."
              + t.tableName()
              + " AS SELECT * FROM "
              + table(t.tableName()));
    }
    return sql;
  }

  void exec(String... sql) throws Exception {
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    }
  }

  @Override
  public void close() throws Exception {
    switch (dialect) {
      case POSTGRESQL -> exec("DROP SCHEMA " + schema + " CASCADE");
      case MARIADB -> exec("DROP DATABASE " + schema);
      default -> exec("SHUTDOWN");
    }
  }
}
