package dev.ticketmigration.testdata;

import dev.ticketmigration.schemas.SourceTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Creates and drops the twelve DMS_SAMPLE tables. The DDL lives in {@code ddl/<dialect>.sql} on the
 * classpath, one statement per {@code ;} at a line end, with {@code ${schema}} standing for the
 * optional schema prefix.
 */
public final class SourceSchema {
  private static final String PLACEHOLDER = "${schema}";

  private SourceSchema() {}

  /** The CREATE TABLE and CREATE INDEX statements for a dialect, in foreign-key order. */
  public static List<String> statements(Dialect dialect, String schemaOrNull) {
    String prefix = dialect.schemaPrefix(schemaOrNull);
    return Arrays.stream(readDdl(dialect).split(";\\s*(\\R|$)"))
        .map(SourceSchema::stripComments)
        .filter(statement -> !statement.isEmpty())
        .map(statement -> statement.replace(PLACEHOLDER, prefix))
        .toList();
  }

  /**
   * Creates the schema when one is named and absent (a database on MariaDB), then the twelve tables
   * and their indexes. Fails if a table already exists: call {@link #drop} first to start over.
   */
  public static void create(Connection connection, Dialect dialect, String schemaOrNull)
      throws SQLException {
    List<String> all = new ArrayList<>();
    if (!Dialect.isEmpty(schemaOrNull)) {
      all.add(dialect.createSchemaStatement(schemaOrNull));
    }
    all.addAll(statements(dialect, schemaOrNull));
    execute(connection, all);
  }

  /** Drops the twelve tables where they exist, children first; leaves the schema itself. */
  public static void drop(Connection connection, Dialect dialect, String schemaOrNull)
      throws SQLException {
    List<SourceTable> tables = new ArrayList<>(List.of(SourceTable.values()));
    Collections.reverse(tables);
    execute(
        connection,
        tables.stream()
            .map(
                table -> "DROP TABLE IF EXISTS " + dialect.qualify(schemaOrNull, table.tableName()))
            .toList());
  }

  /**
   * The DMS_SAMPLE tables that exist, with their row counts, the ticket tables first (a missing
   * table is left out).
   */
  public static Map<String, Long> rowCounts(
      Connection connection, Dialect dialect, String schemaOrNull) {
    List<SourceTable> tables = new ArrayList<>(List.of(SourceTable.values()));
    Collections.reverse(tables);
    Map<String, Long> counts = new LinkedHashMap<>();
    for (SourceTable table : tables) {
      String sql = "SELECT COUNT(*) FROM " + dialect.qualify(schemaOrNull, table.tableName());
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery(sql)) {
        rs.next();
        counts.put(table.tableName(), rs.getLong(1));
      } catch (SQLException absent) {
        rollbackQuietly(connection);
      }
    }
    return counts;
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      if (!connection.getAutoCommit()) {
        connection.rollback();
      }
    } catch (SQLException ignored) {
      // only clears a failed transaction (PostgreSQL) before the next statement
    }
  }

  private static void execute(Connection connection, List<String> statements) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
    if (!connection.getAutoCommit()) {
      connection.commit();
    }
  }

  private static String readDdl(Dialect dialect) {
    String resource = dialect.ddlResource();
    try (InputStream in = SourceSchema.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("DDL resource " + resource + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  private static String stripComments(String statement) {
    return statement
        .lines()
        .filter(line -> !line.strip().startsWith("--"))
        .collect(Collectors.joining("\n"))
        .strip();
  }
}
