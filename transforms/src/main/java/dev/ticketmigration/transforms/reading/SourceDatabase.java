package dev.ticketmigration.transforms.reading;

import dev.ticketmigration.schemas.SqlIdentifier;
import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Where the source tables live: a JDBC data source, an optional schema, and how to stream rows.
 * Schema and table names are checked to be plain identifiers ({@link SqlIdentifier}) before they
 * reach SQL.
 */
public final class SourceDatabase implements Serializable {
  private static final long serialVersionUID = 1L;

  private final JdbcIO.DataSourceConfiguration dataSource;
  private final @Nullable String schema;
  private final int fetchSize;

  private SourceDatabase(
      JdbcIO.DataSourceConfiguration dataSource, @Nullable String schema, int fetchSize) {
    this.dataSource = dataSource;
    this.schema = schema;
    this.fetchSize = fetchSize;
  }

  public static SourceDatabase of(JdbcIO.DataSourceConfiguration dataSource) {
    return new SourceDatabase(Objects.requireNonNull(dataSource, "dataSource"), null, 10_000);
  }

  /** Reads tables from this schema; null or empty means the connection's default. */
  public SourceDatabase withSchema(@Nullable String schema) {
    String s = schema == null || schema.isBlank() ? null : schema.trim();
    if (s != null) {
      SqlIdentifier.require(s, "schema");
    }
    return new SourceDatabase(dataSource, s, fetchSize);
  }

  /** Rows fetched per round trip; the cursor streams, so memory stays bounded. */
  public SourceDatabase withFetchSize(int fetchSize) {
    if (fetchSize <= 0) {
      throw new IllegalArgumentException("fetch size must be positive, was " + fetchSize);
    }
    return new SourceDatabase(dataSource, schema, fetchSize);
  }

  public JdbcIO.DataSourceConfiguration dataSource() {
    return dataSource;
  }

  public @Nullable String schema() {
    return schema;
  }

  public int fetchSize() {
    return fetchSize;
  }

  /** {@code schema.table} or {@code table}, after checking both are plain identifiers. */
  public String qualify(String table) {
    SqlIdentifier.require(table, "table");
    return schema == null ? table : schema + "." + table;
  }
}
