package dev.ticketmigration.changelog;

import dev.ticketmigration.schemas.SourceTable;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Struct;

/**
 * SQL Server's change data capture: the capture job copies committed changes of the tables it
 * tracks into change tables, which Debezium's SQL Server connector polls in commit order. A
 * position is the commit LSN's 10 bytes as one unsigned number (80 bits: a DynamoDB number holds
 * it). CDC keeps whole before images of updates and deletes.
 */
final class SqlServerLog extends StoredStartLog {
  private static final String COMMIT_LSN = "commit_lsn";
  private static final String CHANGE_LSN = "change_lsn";

  SqlServerLog(ChangeLogReader.Settings settings) {
    super(settings);
  }

  @Override
  String schema() {
    return settings.schema() == null ? "dbo" : settings.schema();
  }

  @Override
  Connection connect() throws SQLException {
    return connect(
        settings,
        new com.microsoft.sqlserver.jdbc.SQLServerDriver(),
        Map.of("loginTimeout", "10", "applicationName", "ticket-migration change-log"));
  }

  @Override
  void check() {
    String database = settings.address().database();
    try (Connection connection = connect()) {
      try (Statement statement = connection.createStatement();
          ResultSet rs =
              statement.executeQuery(
                  "SELECT is_cdc_enabled FROM sys.databases WHERE name = DB_NAME()")) {
        if (!rs.next() || !rs.getBoolean(1)) {
          throw new ChangeLogException(
              "SQL Server database "
                  + database
                  + " has change data capture off: run EXEC sys.sp_cdc_enable_db; in it (on"
                  + " Amazon RDS: EXEC msdb.dbo.rds_cdc_enable_db '"
                  + database
                  + "'), and keep SQL Server Agent running");
        }
      }
      checkTables(connection);
      List<String> untracked = untrackedTables(connection);
      if (!untracked.isEmpty()) {
        throw new ChangeLogException(
            "change data capture does not track "
                + String.join(", ", untracked)
                + " in "
                + database
                + ": run "
                + untracked.stream()
                    .map(
                        table ->
                            "EXEC sys.sp_cdc_enable_table @source_schema = N'"
                                + schema()
                                + "', @source_name = N'"
                                + table
                                + "', @role_name = NULL;")
                    .collect(Collectors.joining(" ")));
      }
      currentEnd(connection);
    } catch (SQLException e) {
      throw new ChangeLogException(
          "cannot check change data capture of SQL Server at "
              + settings.address()
              + ": "
              + e.getMessage()
              + " (the user needs SELECT on the tables and the cdc schema, or db_owner)",
          e);
    }
    checkFree();
  }

  private List<String> untrackedTables(Connection connection) throws SQLException {
    List<String> untracked = new ArrayList<>();
    String sql =
        "SELECT LOWER(t.name), t.is_tracked_by_cdc FROM sys.tables t"
            + " JOIN sys.schemas s ON s.schema_id = t.schema_id WHERE s.name = ?";
    Map<String, Boolean> tracked = new LinkedHashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, schema());
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          tracked.put(rs.getString(1), rs.getBoolean(2));
        }
      }
    }
    for (SourceTable table : SourceTable.values()) {
      if (!tracked.getOrDefault(table.tableName(), false)) {
        untracked.add(table.tableName());
      }
    }
    return untracked;
  }

  @Override
  Map<String, String> partition() {
    return Map.of("server", settings.slotName(), "database", settings.address().database());
  }

  /** The highest commit LSN the change tables hold now ({@code NULL} before the first). */
  @Override
  Map<String, Object> currentEnd(Connection connection) throws SQLException {
    String lsn = "NULL";
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT sys.fn_cdc_get_max_lsn()")) {
      if (rs.next() && rs.getBytes(1) != null) {
        lsn = text(rs.getBytes(1));
      }
    }
    Map<String, Object> offset = new LinkedHashMap<>();
    offset.put(COMMIT_LSN, lsn);
    offset.put(CHANGE_LSN, lsn);
    offset.put("event_serial_no", 0L);
    return offset;
  }

  @Override
  BigInteger position(Map<String, ?> offset) {
    return offset.get(COMMIT_LSN) instanceof String lsn ? number(lsn) : null;
  }

  @Override
  long changePosition(Struct source) {
    BigInteger change = number(source.getString(CHANGE_LSN));
    return change.longValue(); // the low 64 bits order one transaction's changes
  }

  @Override
  String format(BigInteger position) {
    String hex = String.format("%020x", position);
    return hex.substring(0, 8) + ":" + hex.substring(8, 16) + ":" + hex.substring(16);
  }

  /** {@code 0000002a:00000468:0003} as a number; {@code NULL} (no change yet) as 0. */
  static BigInteger number(String lsn) {
    if (lsn == null || "NULL".equals(lsn)) {
      return BigInteger.ZERO;
    }
    return new BigInteger(lsn.replace(":", ""), 16);
  }

  private static String text(byte[] lsn) {
    String hex = HexFormat.of().formatHex(lsn).toLowerCase(Locale.ROOT);
    return hex.substring(0, 8) + ":" + hex.substring(8, 16) + ":" + hex.substring(16);
  }

  @Override
  void connectorProperties(Properties props) {
    props.setProperty("connector.class", "io.debezium.connector.sqlserver.SqlServerConnector");
    props.setProperty("database.names", settings.address().database());
    props.setProperty("poll.interval.ms", "500");
    historyProperties(props);
  }

  /** The highest commit LSN captured now: batches reaching it hold everything committed before. */
  @Override
  BigInteger emitMarker(Connection connection, String prefix, String token) throws SQLException {
    return position(currentEnd(connection));
  }
}
