package dev.ticketmigration.changelog;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.connect.data.Struct;

/**
 * MySQL's binary log (ROW format, full row images), read as a replica reads it by Debezium's MySQL
 * connector. A position is the binlog file's number times 2^32 plus the offset in it (a binlog file
 * stays below 4 GiB): it rises with the log, so with the commit order.
 */
final class MySqlLog extends StoredStartLog {
  /** The binlog client logs every (re)connect at INFO through java.util.logging: keep it quiet. */
  private static final java.util.logging.Logger BINLOG_CLIENT =
      java.util.logging.Logger.getLogger("com.github.shyiko.mysql.binlog");

  static {
    BINLOG_CLIENT.setLevel(java.util.logging.Level.WARNING);
  }

  private static final Pattern FILE_NUMBER = Pattern.compile(".*?(\\d+)$");
  private static final String FILE = "file";
  private static final String POS = "pos";

  MySqlLog(ChangeLogReader.Settings settings) {
    super(settings);
  }

  @Override
  String schema() {
    return settings.schema() == null ? settings.address().database() : settings.schema();
  }

  @Override
  Connection connect() throws SQLException {
    return connect(settings, new org.mariadb.jdbc.Driver(), Map.of("connectTimeout", "10000"));
  }

  @Override
  void check() {
    try (Connection connection = connect()) {
      Map<String, String> variables = new LinkedHashMap<>();
      try (Statement statement = connection.createStatement();
          ResultSet rs =
              statement.executeQuery("SELECT @@log_bin, @@binlog_format, @@binlog_row_image")) {
        rs.next();
        variables.put("log_bin", rs.getString(1));
        variables.put("binlog_format", rs.getString(2));
        variables.put("binlog_row_image", rs.getString(3));
      }
      if (!"1".equals(variables.get("log_bin")) && !"ON".equals(variables.get("log_bin"))) {
        throw new ChangeLogException(
            "MySQL at "
                + settings.address()
                + " writes no binary log: start it with log_bin, binlog_format=ROW and"
                + " binlog_row_image=FULL (on Amazon RDS: automated backups on, binlog_format=ROW"
                + " in the parameter group)");
      }
      requireVariable(variables, "binlog_format", "ROW");
      requireVariable(variables, "binlog_row_image", "FULL");
      try {
        currentEnd(connection);
      } catch (SQLException e) {
        throw new ChangeLogException(
            "user '"
                + settings.user()
                + "' may not read the binary log of MySQL at "
                + settings.address()
                + " ("
                + e.getMessage()
                + "): GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT"
                + " ON *.* TO '"
                + settings.user()
                + "'",
            e);
      }
      checkTables(connection);
    } catch (SQLException e) {
      throw new ChangeLogException(
          "cannot check the binary log of MySQL at " + settings.address() + ": " + e.getMessage(),
          e);
    }
    checkFree();
  }

  private void requireVariable(Map<String, String> variables, String name, String wanted) {
    if (!wanted.equalsIgnoreCase(variables.get(name))) {
      throw new ChangeLogException(
          "MySQL at "
              + settings.address()
              + " runs with "
              + name
              + "="
              + variables.get(name)
              + ": the change log needs "
              + name
              + "="
              + wanted
              + " (SET GLOBAL "
              + name
              + " = '"
              + wanted
              + "' and in the server's configuration; sessions opened before keep the old value)");
    }
  }

  @Override
  Map<String, String> partition() {
    return Map.of("server", settings.slotName());
  }

  @Override
  Map<String, Object> currentEnd(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      ResultSet rs;
      try {
        rs = statement.executeQuery("SHOW BINARY LOG STATUS"); // MySQL 8.4 and later
      } catch (SQLException e) {
        rs = statement.executeQuery("SHOW MASTER STATUS");
      }
      try (ResultSet status = rs) {
        if (!status.next()) {
          throw new ChangeLogException(
              "MySQL at " + settings.address() + " writes no binary log: start it with log_bin");
        }
        Map<String, Object> offset = new LinkedHashMap<>();
        offset.put(FILE, status.getString(1));
        offset.put(POS, status.getLong(2));
        return offset;
      }
    }
  }

  @Override
  BigInteger position(Map<String, ?> offset) {
    if (!(offset.get(FILE) instanceof String file) || !(offset.get(POS) instanceof Number pos)) {
      return null;
    }
    return coordinate(file, pos.longValue());
  }

  @Override
  long changePosition(Struct source) {
    return coordinate(source.getString(FILE), source.getInt64(POS)).longValue();
  }

  /** File number × 2^32 + offset. */
  static BigInteger coordinate(String file, long pos) {
    Matcher matcher = FILE_NUMBER.matcher(file);
    if (!matcher.matches()) {
      throw new ChangeLogException("binlog file name '" + file + "' ends in no number");
    }
    return BigInteger.valueOf(Long.parseLong(matcher.group(1)))
        .shiftLeft(32)
        .add(BigInteger.valueOf(pos));
  }

  @Override
  String format(BigInteger position) {
    return String.format(
        "binlog %06d:%d", position.shiftRight(32).longValue(), position.longValue() & 0xFFFFFFFFL);
  }

  @Override
  void connectorProperties(Properties props) {
    props.setProperty("connector.class", "io.debezium.connector.mysql.MySqlConnector");
    // a replica's id, stable per slot name so a restarted reader replaces its own session
    props.setProperty(
        "database.server.id",
        Long.toString(5400 + Math.floorMod(settings.slotName().hashCode(), 1 << 30)));
    props.setProperty("database.include.list", schema());
    // no global read lock on a live site: the tables' structure must not change meanwhile
    props.setProperty("snapshot.locking.mode", "none");
    props.setProperty("connect.keep.alive", "true");
    historyProperties(props);
  }

  /** A new binlog file: every batch from its first record on comes after this call. */
  @Override
  BigInteger emitMarker(Connection connection, String prefix, String token) throws SQLException {
    nudge(connection);
    Map<String, Object> end = currentEnd(connection);
    return coordinate((String) end.get(FILE), 0);
  }

  /** The connector beats only on log events: a rotation makes some when the log is quiet. */
  @Override
  void nudge(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("FLUSH BINARY LOGS");
    }
  }
}
