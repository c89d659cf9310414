package dev.ticketmigration.accesspatterns;

import dev.ticketmigration.testdata.DataGenerator;
import dev.ticketmigration.testdata.Dialect;
import dev.ticketmigration.testdata.SourceSchema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/**
 * A unique, empty schema on one of the real sources (H2 in memory, the local PostgreSQL or MariaDB)
 * filled by the data generator, dropped on close so tests never see each other's rows.
 */
record TestSource(String url, String user, String schema, Dialect dialect)
    implements AutoCloseable {

  /** The sources every test suite runs against. */
  enum Kind {
    H2,
    POSTGRESQL,
    MARIADB
  }

  /** A new schema (a database on MariaDB) holding the DMS_SAMPLE tables and generated rows. */
  static TestSource generate(Kind kind, DataGenerator generator) throws Exception {
    String name = "ap_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    TestSource source =
        switch (kind) {
          case H2 ->
              new TestSource("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", null, Dialect.H2);
          case POSTGRESQL ->
              new TestSource(
                  "jdbc:postgresql://127.0.0.1:5432/test", "postgres", name, Dialect.POSTGRESQL);
          case MARIADB ->
              new TestSource("jdbc:mariadb://127.0.0.1:3306/test", "root", name, Dialect.MARIADB);
        };
    try (Connection c = source.connect()) {
      // creates the schema too, with the collation the DDL asks for
      SourceSchema.create(c, source.dialect, source.schema);
      generator.generate(c, source.dialect, source.schema);
    } catch (Exception e) {
      source.close();
      throw e;
    }
    return source;
  }

  Connection connect() throws Exception {
    return DriverManager.getConnection(url, user, "");
  }

  /** {@code schema.table}, or the table alone on H2. */
  String table(String table) {
    return dialect.qualify(schema, table);
  }

  @Override
  public void close() throws Exception {
    String drop =
        switch (dialect) {
          case POSTGRESQL -> "DROP SCHEMA IF EXISTS " + schema + " CASCADE";
          case MARIADB -> "DROP DATABASE IF EXISTS " + schema;
          default -> "SHUTDOWN";
        };
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      st.execute(drop);
    }
  }
}
