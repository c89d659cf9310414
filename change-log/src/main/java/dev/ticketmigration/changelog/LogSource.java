package dev.ticketmigration.changelog;

import dev.ticketmigration.schemas.SourceTable;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * What differs between the change logs a {@link ChangeLogReader} follows: the checks before it
 * starts, where reading starts and how that point is kept, the connector and its settings, and the
 * log positions (as one unsigned number per source, so rebuilds are ordered the same way whatever
 * the source).
 */
abstract class LogSource {
  final ChangeLogReader.Settings settings;

  LogSource(ChangeLogReader.Settings settings) {
    this.settings = settings;
  }

  static LogSource of(ChangeLogReader.Settings settings) {
    return switch (settings.address().kind()) {
      case POSTGRESQL -> new PostgresLog(settings);
      case MYSQL -> new MySqlLog(settings);
      case SQLSERVER -> new SqlServerLog(settings);
    };
  }

  /** The schema (MySQL: database) that holds the DMS_SAMPLE tables. */
  abstract String schema();

  /** A plain connection for the checks and markers. */
  abstract Connection connect() throws SQLException;

  /**
   * A connection through {@code driver} itself, not DriverManager: in a runner's per-job class
   * loader (a Flink TaskManager running its second job) DriverManager hides drivers an earlier job
   * registered.
   */
  static Connection connect(
      ChangeLogReader.Settings settings, Driver driver, Map<String, String> properties)
      throws SQLException {
    Properties all = new Properties();
    all.setProperty("user", settings.user());
    all.setProperty("password", settings.password());
    all.putAll(properties);
    String url = settings.address().jdbcUrl();
    Connection connection = driver.connect(url, all);
    if (connection == null) {
      throw new SQLException(
          "the " + settings.address().kind().displayName + " driver does not take " + url);
    }
    return connection;
  }

  /** A call on a plain connection to the source. */
  interface SqlCall<T> {
    T call(Connection connection) throws SQLException;
  }

  /** Runs {@code call} on a new connection; a failure says what could not be done, and where. */
  <T> T onSource(String what, SqlCall<T> call) {
    try (Connection connection = connect()) {
      return call.call(connection);
    } catch (SQLException e) {
      throw new ChangeLogException(
          "cannot " + what + " at " + settings.address() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The checks before anything is created or read, each one line naming what to enable.
   *
   * @throws ChangeLogException when the change log cannot be followed
   */
  abstract void check();

  /**
   * Takes the point reading starts from, when not taken yet, and returns the position every later
   * reader starts at or after (PostgreSQL: makes publication and slot; the others: stores the log's
   * current end in the offset directory). Called after {@link #check}.
   *
   * @param forCopy a bulk copy follows: a point held by a running reader fails
   */
  abstract BigInteger takeStart(boolean forCopy);

  /** The position the next reader resumes from; fails naming what to run when none was taken. */
  abstract BigInteger confirmedPosition();

  /** Once the engine's task started: waits until it reads the log, or {@code stopped}. */
  boolean awaitStreaming(BooleanSupplier stopped) {
    return !stopped.getAsBoolean();
  }

  /** The connector's own settings (the reader adds the engine's). */
  abstract void connectorProperties(Properties props);

  /** The position a record's offset holds (the reader keeps the highest), or null. */
  abstract BigInteger position(SourceRecord record);

  /** A change's own position, for ordering the changes of one transaction. */
  abstract long changePosition(Struct source);

  /**
   * The source's id of the transaction a change belongs to, where the rebuild must check that it is
   * visible before reading (PostgreSQL); null elsewhere.
   */
  Long transaction(Struct source) {
    return null;
  }

  /** A position as the source writes it. */
  abstract String format(BigInteger position);

  /**
   * Writes a marker into the log. Returns null when the marker is a message the log delivers
   * ({@link ChangeEvents#message}); otherwise the position from which on every batch comes after
   * everything committed before this call.
   */
  abstract BigInteger emitMarker(Connection connection, String prefix, String token)
      throws SQLException;

  /** Lets go of what a running reader holds (called when it closes). */
  void release() {}

  /** Makes the log move on when a position marker is overdue (MySQL beats only on events). */
  void nudge(Connection connection) throws SQLException {}

  /** The tables of {@link DirtyKey#BEFORE_IMAGE_TABLES} whose changes lack whole before images. */
  List<String> tablesWithoutFullImages(Connection connection) throws SQLException {
    return List.of();
  }

  /** The advice that gives {@code tables} their before images. */
  String fullImageAdvice(List<String> tables) {
    return "the change log carries no before image of " + String.join(", ", tables);
  }

  /** {@code schema.table} of each DMS_SAMPLE table, as the connectors' include lists take them. */
  String tableIncludeList() {
    return Arrays.stream(SourceTable.values())
        .map(table -> schema() + "\\." + table.tableName())
        .collect(Collectors.joining(","));
  }

  /** The name of the source kind for messages. */
  String displayName() {
    return settings.address().kind().displayName;
  }
}
