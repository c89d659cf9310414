package dev.ticketmigration.testdata;

import dev.ticketmigration.schemas.SqlIdentifier;
import java.util.List;
import java.util.Locale;

/**
 * The SQL dialects the source database may speak, with the few statements that differ between them.
 * Identifiers are validated, never quoted: unquoted names follow each database's own case folding
 * (H2 upper case by default, lower case with {@code DATABASE_TO_LOWER}), so tables created here are
 * found by the same unquoted names the migration's readers use.
 */
public enum Dialect {
  SQLSERVER(List.of("jdbc:sqlserver:")),
  POSTGRESQL(List.of("jdbc:postgresql:")),
  MARIADB(List.of("jdbc:mariadb:", "jdbc:mysql:")),
  H2(List.of("jdbc:h2:"));

  private final List<String> urlPrefixes;

  Dialect(List<String> urlPrefixes) {
    this.urlPrefixes = urlPrefixes;
  }

  /** The dialect of a JDBC URL, by its prefix. */
  public static Dialect fromJdbcUrl(String url) {
    if (url != null) {
      String lower = url.toLowerCase(Locale.ROOT);
      for (Dialect dialect : values()) {
        if (dialect.urlPrefixes.stream().anyMatch(lower::startsWith)) {
          return dialect;
        }
      }
    }
    throw new IllegalArgumentException(
        "unsupported JDBC URL '"
            + url
            + "': expected one of jdbc:sqlserver:, jdbc:postgresql:, "
            + "jdbc:mariadb:, jdbc:mysql:, jdbc:h2:");
  }

  /**
   * {@code schema.table}, or {@code table} when the schema is null or empty, after checking both
   * are plain identifiers ({@link SqlIdentifier}).
   *
   * @throws IllegalArgumentException if a name is not a plain identifier
   */
  public String qualify(String schema, String table) {
    return schemaPrefix(schema) + SqlIdentifier.require(table, "table");
  }

  /** {@code schema.} or the empty string; the prefix the DDL resources' {@code ${schema}} takes. */
  String schemaPrefix(String schema) {
    return isEmpty(schema) ? "" : SqlIdentifier.require(schema, "schema") + ".";
  }

  /** Creates the schema unless it exists; on MariaDB a schema is a database. */
  String createSchemaStatement(String schema) {
    String name = SqlIdentifier.require(schema, "schema");
    return switch (this) {
      // CREATE SCHEMA must open its batch and has no IF NOT EXISTS: hence the EXEC.
      case SQLSERVER -> "IF SCHEMA_ID(N'" + name + "') IS NULL EXEC(N'CREATE SCHEMA " + name + "')";
      // utf8mb4 keeps every Unicode name; the binary collation compares text exactly as stored.
      case MARIADB ->
          "CREATE DATABASE IF NOT EXISTS " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin";
      case POSTGRESQL, H2 -> "CREATE SCHEMA IF NOT EXISTS " + name;
    };
  }

  /** The classpath resource holding this dialect's DDL. */
  String ddlResource() {
    return "ddl/" + name().toLowerCase(Locale.ROOT) + ".sql";
  }

  static boolean isEmpty(String schema) {
    return schema == null || schema.isEmpty();
  }
}
