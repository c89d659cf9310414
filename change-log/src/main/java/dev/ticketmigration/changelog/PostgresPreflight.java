package dev.ticketmigration.changelog;

import dev.ticketmigration.schemas.SourceTable;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The checks before the engine starts, each failing with one line that names what to enable: a
 * change log (wal_level=logical, WAL senders), the replication privilege, the DMS_SAMPLE tables,
 * and a slot that is free and decodes with pgoutput. They only read: nothing is created on a source
 * that cannot be followed.
 */
final class PostgresPreflight {
  private static final Duration SLOT_POLL = Duration.ofMillis(200);

  private PostgresPreflight() {}

  static void check(ChangeLogReader.Settings settings, String schema) {
    SourceAddress address = settings.address();
    try (Connection connection = connect(settings)) {
      checkChangeLog(connection, address);
      checkPrivilege(connection, settings.user());
      checkTables(connection, schema);
      checkSlot(connection, settings);
    } catch (SQLException e) {
      throw new ChangeLogException(
          "cannot check the change log of PostgreSQL at " + address + ": " + e.getMessage(), e);
    }
  }

  /**
   * Waits until the slot is streamed from (the connector's task creates the slot, then starts
   * streaming on another thread), or {@code stopped} says the engine gave up.
   *
   * @return whether the slot became active within the settings' start timeout
   */
  static boolean awaitSlotActive(ChangeLogReader.Settings settings, BooleanSupplier stopped) {
    long deadline = System.nanoTime() + settings.startTimeout().toNanos();
    try (Connection connection = connect(settings);
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT active FROM pg_replication_slots WHERE slot_name = ?")) {
      statement.setString(1, settings.slotName());
      while (!stopped.getAsBoolean() && System.nanoTime() < deadline) {
        try (ResultSet rs = statement.executeQuery()) {
          if (rs.next() && rs.getBoolean(1)) {
            return true;
          }
        }
        sleep(Duration.ofMillis(50));
      }
      return false;
    } catch (SQLException e) {
      throw new ChangeLogException(
          "cannot watch replication slot '"
              + settings.slotName()
              + "' at "
              + settings.address()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  static Connection connect(ChangeLogReader.Settings settings) throws SQLException {
    return LogSource.connect(
        settings,
        new org.postgresql.Driver(),
        Map.of("connectTimeout", "10", "ApplicationName", "ticket-migration change-log"));
  }

  private static void checkChangeLog(Connection connection, SourceAddress address)
      throws SQLException {
    String walLevel = show(connection, "wal_level");
    if (!"logical".equals(walLevel)) {
      throw new ChangeLogException(
          "PostgreSQL at "
              + address
              + " runs with wal_level="
              + walLevel
              + ": reading its change log needs wal_level=logical (ALTER SYSTEM SET wal_level ="
              + " logical, then restart the server; on Amazon RDS set"
              + " rds.logical_replication=1 in the parameter group)");
    }
    for (String setting : List.of("max_wal_senders", "max_replication_slots")) {
      if (Integer.parseInt(show(connection, setting)) < 1) {
        throw new ChangeLogException(
            "PostgreSQL at "
                + address
                + " runs with "
                + setting
                + "=0: reading its change log needs at least 1 (ALTER SYSTEM SET "
                + setting
                + " = 10, then restart the server)");
      }
    }
  }

  private static void checkPrivilege(Connection connection, String user) throws SQLException {
    String sql =
        "SELECT r.rolsuper OR r.rolreplication OR EXISTS (SELECT 1 FROM pg_roles g"
            + " WHERE g.rolname = 'rds_replication' AND pg_has_role(r.oid, g.oid, 'member'))"
            + " FROM pg_roles r WHERE r.rolname = current_user";
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      if (!rs.next() || !rs.getBoolean(1)) {
        throw new ChangeLogException(
            "user '"
                + user
                + "' may not read the change log: grant the replication privilege (ALTER ROLE "
                + user
                + " WITH REPLICATION; on Amazon RDS GRANT rds_replication TO "
                + user
                + ")");
      }
    }
  }

  private static void checkTables(Connection connection, String schema) throws SQLException {
    List<String> wanted = Arrays.stream(SourceTable.values()).map(SourceTable::tableName).toList();
    Set<String> found = new HashSet<>();
    String sql =
        "SELECT table_name FROM information_schema.tables"
            + " WHERE table_schema = ? AND table_name = ANY (?)";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, schema);
      Array names = connection.createArrayOf("text", wanted.toArray());
      statement.setArray(2, names);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          found.add(rs.getString(1));
        }
      }
    }
    List<String> missing = new ArrayList<>(wanted);
    missing.removeAll(found);
    if (!missing.isEmpty()) {
      throw new ChangeLogException(
          "schema '"
              + schema
              + "' lacks the DMS_SAMPLE table(s) "
              + String.join(", ", missing)
              + ": name the schema that holds them");
    }
  }

  private static void checkSlot(Connection connection, ChangeLogReader.Settings settings)
      throws SQLException {
    String sql =
        "SELECT plugin, slot_type, database, active, active_pid FROM pg_replication_slots"
            + " WHERE slot_name = ?";
    long deadline = System.nanoTime() + settings.slotWaitTimeout().toNanos();
    while (true) {
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        statement.setString(1, settings.slotName());
        try (ResultSet rs = statement.executeQuery()) {
          if (!rs.next()) {
            return; // the connector creates it
          }
          String slot = settings.slotName();
          if (!"logical".equals(rs.getString("slot_type"))
              || !"pgoutput".equals(rs.getString("plugin"))) {
            throw new ChangeLogException(
                "replication slot '"
                    + slot
                    + "' exists but decodes with "
                    + rs.getString("plugin")
                    + ": the change log reader needs a pgoutput slot; choose another slot name"
                    + " or drop it (SELECT pg_drop_replication_slot('"
                    + slot
                    + "'))");
          }
          if (!settings.address().database().equals(rs.getString("database"))) {
            throw new ChangeLogException(
                "replication slot '"
                    + slot
                    + "' belongs to database "
                    + rs.getString("database")
                    + ", not "
                    + settings.address().database()
                    + ": choose another slot name");
          }
          if (!rs.getBoolean("active")) {
            return;
          }
          if (System.nanoTime() > deadline) {
            throw new ChangeLogException(
                "replication slot '"
                    + slot
                    + "' is in use by another consumer (server process "
                    + rs.getInt("active_pid")
                    + "): stop that consumer first, or choose another slot name");
          }
        }
      }
      sleep(SLOT_POLL);
    }
  }

  private static String show(Connection connection, String setting) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SHOW " + setting)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChangeLogException("interrupted while waiting for the replication slot", e);
    }
  }
}
