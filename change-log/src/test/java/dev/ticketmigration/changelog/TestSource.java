package dev.ticketmigration.changelog;

import dev.ticketmigration.schemas.SourceTable;
import dev.ticketmigration.testdata.DataGenerator;
import dev.ticketmigration.testdata.Dialect;
import dev.ticketmigration.testdata.SourceSchema;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A fresh DMS_SAMPLE schema on a {@link PrivatePostgres}, filled by the generator, with the
 * workload's transactions (each returning the dirty keys it must produce, as {@link #describe}
 * text) and a look at the slot. {@link #close} drops the schema, its slots and its publications.
 */
final class TestSource implements AutoCloseable {
  final String url;
  final Dialect dialect;
  final String schema;
  final Connection connection;
  private LocalDateTime clock = LocalDateTime.of(2026, 6, 1, 12, 0, 0);

  private TestSource(String url, Dialect dialect, String schema, Connection connection) {
    this.url = url;
    this.dialect = dialect;
    this.schema = schema;
    this.connection = connection;
  }

  static TestSource create(PrivatePostgres server) throws SQLException {
    String schema = newName();
    Connection connection = server.connect();
    SourceSchema.create(connection, Dialect.POSTGRESQL, schema);
    fill(connection, Dialect.POSTGRESQL, schema);
    return new TestSource(server.jdbcUrl(), Dialect.POSTGRESQL, schema, connection);
  }

  /** The DMS_SAMPLE tables in a new database of a MariaDB writing a binary log. */
  static TestSource create(PrivateMariaDb server) throws SQLException {
    String database = newName();
    server.createDatabase(database);
    Connection connection = server.connect(database);
    SourceSchema.create(connection, Dialect.MARIADB, database);
    fill(connection, Dialect.MARIADB, database);
    return new TestSource(server.jdbcUrl(database), Dialect.MARIADB, database, connection);
  }

  private static String newName() {
    return "cl_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  private static void fill(Connection connection, Dialect dialect, String schema)
      throws SQLException {
    DataGenerator.builder()
        .seed(20)
        .events(3)
        .seatsPerVenue(40)
        .venues(2)
        .persons(30)
        .build()
        .generate(connection, dialect, schema);
    connection.setAutoCommit(true);
  }

  String slot() {
    return schema + "_slot";
  }

  String publication() {
    return schema + "_pub";
  }

  ChangeLogReader.Builder reader(java.nio.file.Path offsets) {
    return ChangeLogReader.builder()
        .jdbcUrl(url)
        .user(dialect == Dialect.POSTGRESQL ? "postgres" : "root")
        .schema(schema)
        .slotName(slot())
        .publicationName(publication())
        .offsetDirectory(offsets)
        .heartbeatInterval(java.time.Duration.ofMillis(300))
        .slotWaitTimeout(java.time.Duration.ofSeconds(5));
  }

  String table(SourceTable table) {
    return schema + "." + table.tableName();
  }

  /** The dirty key as the tests compare it: {@code table OPERATION [key]}. */
  static String describe(DirtyKey key) {
    return key.table().tableName() + " " + key.operation() + " " + key.key();
  }

  List<Long> tickets(boolean sold, int count) throws SQLException {
    return longs(
        "SELECT id FROM "
            + table(SourceTable.SPORTING_EVENT_TICKET)
            + " WHERE ticketholder_id IS "
            + (sold ? "NOT NULL" : "NULL")
            + " ORDER BY id LIMIT "
            + count);
  }

  long maxPerson() throws SQLException {
    return longs("SELECT max(id) FROM " + table(SourceTable.PERSON)).get(0);
  }

  /** A sale: the holder set on an unsold ticket and its history row, in one transaction. */
  List<String> purchase(long ticket, long buyer) throws SQLException {
    return newHolder(ticket, buyer, null, " AND ticketholder_id IS NULL");
  }

  /** A transfer: a new holder and a history row naming the previous one. */
  List<String> transfer(long ticket, long recipient) throws SQLException {
    long holder =
        longs(
                "SELECT ticketholder_id FROM "
                    + table(SourceTable.SPORTING_EVENT_TICKET)
                    + " WHERE id = "
                    + ticket)
            .get(0);
    return newHolder(ticket, recipient, holder, "");
  }

  /**
   * Sets the ticket's holder and adds its history row ({@code from}: the previous holder of a
   * transfer, null for a sale) in one transaction; returns the dirty keys that must follow.
   */
  private List<String> newHolder(long ticket, long holder, Long from, String condition)
      throws SQLException {
    inTransaction(
        () -> {
          update(
              "UPDATE "
                  + table(SourceTable.SPORTING_EVENT_TICKET)
                  + " SET ticketholder_id = ? WHERE id = ?"
                  + condition,
              holder,
              ticket);
          history(ticket, holder, from);
        });
    return List.of(
        "sporting_event_ticket UPDATE [" + ticket + "]",
        "ticket_purchase_hist CREATE [" + ticket + "]");
  }

  List<String> addPerson(long id) throws SQLException {
    update(
        "INSERT INTO "
            + table(SourceTable.PERSON)
            + " (id, full_name, last_name, first_name) VALUES (?, 'Ada Lovelace', 'Lovelace', 'Ada')",
        id);
    return List.of("person CREATE [" + id + "]");
  }

  List<String> renameTeam() throws SQLException {
    long team = longs("SELECT min(id) FROM " + table(SourceTable.SPORT_TEAM)).get(0);
    update(
        "UPDATE "
            + table(SourceTable.SPORT_TEAM)
            + " SET name = CONCAT(name, ' Renamed') WHERE id = ?",
        team);
    return List.of("sport_team UPDATE [" + team + "]");
  }

  /** Deletes a ticket with its history rows (history first: the foreign key). */
  List<String> deleteTicket(long ticket) throws SQLException {
    long historyRows =
        longs(
                "SELECT count(*) FROM "
                    + table(SourceTable.TICKET_PURCHASE_HIST)
                    + " WHERE sporting_event_ticket_id = "
                    + ticket)
            .get(0);
    inTransaction(
        () -> {
          update(
              "DELETE FROM "
                  + table(SourceTable.TICKET_PURCHASE_HIST)
                  + " WHERE sporting_event_ticket_id = ?",
              ticket);
          update(
              "DELETE FROM " + table(SourceTable.SPORTING_EVENT_TICKET) + " WHERE id = ?", ticket);
        });
    List<String> expected = new ArrayList<>();
    for (long i = 0; i < historyRows; i++) {
      expected.add("ticket_purchase_hist DELETE [" + ticket + "]");
    }
    expected.add("sporting_event_ticket DELETE [" + ticket + "]");
    return expected;
  }

  /** Empties the history table: the whole table is dirty. */
  List<String> truncateHistory() throws SQLException {
    update("TRUNCATE " + table(SourceTable.TICKET_PURCHASE_HIST));
    return List.of("ticket_purchase_hist TRUNCATE []");
  }

  /** The slot's confirmed position in bytes, or -1 when the slot does not exist. */
  long confirmedFlushLsn() throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT (confirmed_flush_lsn - '0/0'::pg_lsn)::bigint FROM pg_replication_slots"
                + " WHERE slot_name = ?")) {
      statement.setString(1, slot());
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? rs.getLong(1) : -1;
      }
    }
  }

  /** Bytes of log the slot keeps that it has confirmed already (current position − confirmed). */
  long retainedBeyondConfirmed() throws SQLException {
    return longs(
            "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint"
                + " FROM pg_replication_slots WHERE slot_name = '"
                + slot()
                + "'")
        .get(0);
  }

  @Override
  public void close() throws SQLException {
    try (connection;
        Statement statement = connection.createStatement()) {
      if (dialect != Dialect.POSTGRESQL) {
        statement.execute("DROP DATABASE IF EXISTS " + schema);
        return;
      }
      for (String slot : List.of(slot(), schema + "_other")) {
        statement.execute(
            "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
                + " WHERE slot_name = '"
                + slot
                + "' AND NOT active");
      }
      statement.execute("DROP PUBLICATION IF EXISTS " + publication());
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  private void history(long ticket, long buyer, Long from) throws SQLException {
    clock = clock.plusSeconds(1);
    BigDecimal price;
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT ticket_price FROM "
                + table(SourceTable.SPORTING_EVENT_TICKET)
                + " WHERE id = ?")) {
      statement.setLong(1, ticket);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        price = rs.getBigDecimal(1);
      }
    }
    update(
        "INSERT INTO "
            + table(SourceTable.TICKET_PURCHASE_HIST)
            + " (sporting_event_ticket_id, purchased_by_id, transaction_date_time,"
            + " transferred_from_id, purchase_price) VALUES (?, ?, ?, ?, ?)",
        ticket,
        buyer,
        Timestamp.valueOf(clock),
        from,
        price);
  }

  private void update(String sql, Object... values) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setObject(i + 1, values[i]);
      }
      statement.executeUpdate();
    }
  }

  private List<Long> longs(String sql) throws SQLException {
    List<Long> values = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getLong(1));
      }
    }
    return values;
  }

  private interface SqlWork {
    void run() throws SQLException;
  }

  private void inTransaction(SqlWork work) throws SQLException {
    connection.setAutoCommit(false);
    try {
      work.run();
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }
}
