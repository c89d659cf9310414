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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The statements on the source's change log that run beside the engine, on a plain connection:
 * publication and slot made ahead of the engine, the slot's position, markers written into the log,
 * and the tables' replica identity.
 */
final class PostgresSlot {
  /** SQLSTATE duplicate_object: another process created the slot in between. */
  private static final String DUPLICATE_OBJECT = "42710";

  /** SQLSTATE query_canceled: the statement timeout struck. */
  private static final String QUERY_CANCELED = "57014";

  private PostgresSlot() {}

  /** The slot as {@code pg_replication_slots} shows it. */
  record State(boolean active, int activePid, long confirmedFlushLsn) {}

  /**
   * Creates the publication of the twelve tables, or makes an existing one publish exactly them, as
   * the connector does in {@code publication.autocreate.mode=filtered}. It must exist before the
   * slot: pgoutput reads the publication as of each change's log position, so a table added later
   * is not published for the changes before.
   */
  static void ensurePublication(Connection connection, String publication, String schema)
      throws SQLException {
    Boolean allTables = null;
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT puballtables FROM pg_publication WHERE pubname = ?")) {
      statement.setString(1, publication);
      try (ResultSet rs = statement.executeQuery()) {
        if (rs.next()) {
          allTables = rs.getBoolean(1);
        }
      }
    }
    if (Boolean.TRUE.equals(allTables)) {
      throw new ChangeLogException(
          "publication '"
              + publication
              + "' publishes all tables and the reader cannot narrow it: drop it (DROP PUBLICATION "
              + publication
              + ") or choose another publication name");
    }
    List<String> tables =
        Arrays.stream(SourceTable.values()).map(table -> schema + "." + table.tableName()).toList();
    String sql;
    if (allTables == null) {
      sql = "CREATE PUBLICATION " + publication + " FOR TABLE " + String.join(", ", tables);
    } else if (!publishedTables(connection, publication).equals(new HashSet<>(tables))) {
      sql = "ALTER PUBLICATION " + publication + " SET TABLE " + String.join(", ", tables);
    } else {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static Set<String> publishedTables(Connection connection, String publication)
      throws SQLException {
    Set<String> tables = new HashSet<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT schemaname, tablename FROM pg_publication_tables WHERE pubname = ?")) {
      statement.setString(1, publication);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          tables.add(rs.getString(1) + "." + rs.getString(2));
        }
      }
    }
    return tables;
  }

  /**
   * Creates the logical slot (pgoutput) unless it exists; a new slot delivers every transaction
   * that commits after this returns. PostgreSQL makes a new slot wait for the transactions running
   * at that moment to end: up to {@code timeout}.
   */
  static void ensureSlot(Connection connection, String slot, Duration timeout) throws SQLException {
    if (state(connection, slot) != null) {
      return;
    }
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT lsn FROM pg_create_logical_replication_slot(?, 'pgoutput')")) {
      statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
      statement.setString(1, slot);
      statement.executeQuery().close();
    } catch (SQLException e) {
      if (QUERY_CANCELED.equals(e.getSQLState())) {
        throw new ChangeLogException(
            "making replication slot '"
                + slot
                + "' waited "
                + timeout.toSeconds()
                + " s for the transactions open on the source to end (a new slot starts at a"
                + " moment without one): end the long ones (pg_stat_activity) and try again",
            e);
      }
      if (!DUPLICATE_OBJECT.equals(e.getSQLState())) {
        throw e;
      }
    }
  }

  /** The slot's state, or null when there is no such slot. */
  static State state(Connection connection, String slot) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT active, active_pid, confirmed_flush_lsn::text FROM pg_replication_slots"
                + " WHERE slot_name = ?")) {
      statement.setString(1, slot);
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        String confirmed = rs.getString(3);
        if (confirmed == null) {
          throw new ChangeLogException(
              "replication slot '"
                  + slot
                  + "' has no confirmed position (a physical slot, or one not yet consistent):"
                  + " choose another slot name");
        }
        return new State(rs.getBoolean(1), rs.getInt(2), parseLsn(confirmed));
      }
    }
  }

  /**
   * Writes a logical-decoding message into the log. It is transactional: its transaction's commit
   * flushes it (at once, or within {@code wal_writer_delay} under {@code synchronous_commit=off}),
   * and pgoutput sends it in commit order, after every transaction that committed before. A
   * non-transactional one would be sent at its own log position, just as late as that, but it is
   * not flushed by anything of its own before PostgreSQL 17 (the {@code flush} argument): it
   * reaches the slot only once something else flushes the log (measured on an idle PostgreSQL 15:
   * 0.7 to 0.9 s, against 0.4 s for a transactional one).
   */
  static void emitMessage(Connection connection, String prefix, String content)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT pg_logical_emit_message(true, ?, ?)")) {
      statement.setString(1, prefix);
      statement.setString(2, content);
      statement.executeQuery().close();
    }
  }

  /**
   * The tables of {@link DirtyKey#BEFORE_IMAGE_TABLES} in {@code schema} whose replica identity is
   * not FULL, in that order (tables missing from the schema are not listed).
   */
  static List<String> tablesWithoutFullReplicaIdentity(Connection connection, String schema)
      throws SQLException {
    Map<String, String> identities = new HashMap<>();
    String sql =
        "SELECT c.relname, c.relreplident FROM pg_class c"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = ? AND c.relname = ANY (?) AND c.relkind IN ('r', 'p')";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, schema);
      Array names =
          connection.createArrayOf(
              "text", DirtyKey.BEFORE_IMAGE_TABLES.stream().map(SourceTable::tableName).toArray());
      statement.setArray(2, names);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          identities.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    List<String> lacking = new ArrayList<>();
    for (SourceTable table : DirtyKey.BEFORE_IMAGE_TABLES) {
      String identity = identities.get(table.tableName());
      if (identity != null && !"f".equals(identity)) {
        lacking.add(table.tableName());
      }
    }
    return lacking;
  }

  /** {@code 0/3A1F2C8} as the 64-bit position it names. */
  static long parseLsn(String lsn) {
    int slash = lsn.indexOf('/');
    if (slash < 1) {
      throw new IllegalArgumentException("not a PostgreSQL LSN: '" + lsn + "'");
    }
    return Long.parseUnsignedLong(lsn.substring(0, slash), 16) << 32
        | Long.parseUnsignedLong(lsn.substring(slash + 1), 16);
  }

  /** The 64-bit position as PostgreSQL writes it, e.g. {@code 0/3A1F2C8}. */
  static String formatLsn(long lsn) {
    return Long.toHexString(lsn >>> 32).toUpperCase(Locale.ROOT)
        + "/"
        + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase(Locale.ROOT);
  }
}
